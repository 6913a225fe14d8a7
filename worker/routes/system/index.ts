import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { docsCssHandler } from './docs-css.ts';
import { docsPageHandler } from './docs-page.ts';
import { docsTryHandler } from './docs-try.ts';
import { healthHandler, healthRoute } from './health.ts';
import { liveHandler, liveRoute } from './live.ts';
import { openApiJsonHandler } from './openapi-json.ts';

/** The health checks, operations of the API like the others. */
export function registerHealthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(healthRoute, healthHandler);
  app.openapi(liveRoute, liveHandler);
}

/** The OpenAPI document and the reference page made from it: not operations themselves, so not in the document. */
export function registerDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/openapi.json', openApiJsonHandler(app));
  app.get('/docs', docsPageHandler(app));
  app.get('/docs/try', docsTryHandler(app));
  app.get('/docs.css', docsCssHandler);
}
