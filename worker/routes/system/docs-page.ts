import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Handler } from 'hono';
import { config } from '../../config.ts';
import { renderDocs } from '../../docs/page.ts';
import { type Json, PLACEHOLDER_ORIGIN } from '../../docs/samples.ts';
import type { AppEnv } from '../../env.ts';
import { linkOrigin } from '../../http/link-origin.ts';
import { buildOpenApiDocument } from '../../openapi.ts';

/**
 * Where the request samples send their requests. The page is publicly cacheable,
 * so the request's own Host may only be used where no shared cache can keep it:
 * a developer's own machine (then `fromRequest`, and the page is private);
 * elsewhere the configured PUBLIC_ORIGIN, else a placeholder to replace.
 */
export function samplesOrigin(requestUrl: string, publicOrigin: string | undefined): { origin: string; fromRequest: boolean } {
  return { origin: linkOrigin(requestUrl, publicOrigin) || PLACEHOLDER_ORIGIN, fromRequest: linkOrigin(requestUrl, undefined) !== '' };
}

/** GET /docs: the reference page rendered from `app`'s OpenAPI document (docs/page.ts). */
export function docsPageHandler(app: OpenAPIHono<AppEnv>): Handler<AppEnv> {
  return (c) => {
    const { origin, fromRequest } = samplesOrigin(c.req.url, config(c.env).publicOrigin);
    // Samples that name the request's own (local) host must not be kept by a shared cache.
    c.header('Cache-Control', fromRequest ? 'private, max-age=300' : 'public, max-age=300');
    return c.html(renderDocs(buildOpenApiDocument(app) as unknown as Json, origin));
  };
}
