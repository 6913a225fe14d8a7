import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Handler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { buildOpenApiDocument } from '../../openapi.ts';

/** GET /openapi.json: the document of `app`'s routes, which anyone may read. */
export function openApiJsonHandler(app: OpenAPIHono<AppEnv>): Handler<AppEnv> {
  return (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(buildOpenApiDocument(app));
  };
}
