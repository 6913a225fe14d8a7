import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { listSourcesHandler, listSourcesRoute } from './list.ts';

export function registerSourceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listSourcesRoute, listSourcesHandler);
}
