import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Handler } from 'hono';
import type { Json } from '../../docs/samples.ts';
import { tryRedirect } from '../../docs/try-redirect.ts';
import type { AppEnv } from '../../env.ts';
import { buildOpenApiDocument } from '../../openapi.ts';

/** GET /docs/try: where the "try it" forms of /docs send their fields (docs/try-redirect.ts). */
export function docsTryHandler(app: OpenAPIHono<AppEnv>): Handler<AppEnv> {
  return (c) => tryRedirect(buildOpenApiDocument(app) as unknown as Json, new URL(c.req.url));
}
