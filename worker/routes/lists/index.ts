import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { getListHandler, getListRoute } from './get.ts';
import { listListsHandler, listListsRoute } from './list.ts';
import { listTownsOfListHandler, listTownsOfListRoute } from './towns.ts';

export function registerListRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listListsRoute, listListsHandler);
  app.openapi(getListRoute, getListHandler);
  app.openapi(listTownsOfListRoute, listTownsOfListHandler);
}
