import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { groupedSatisfactionHandler, groupedSatisfactionRoute } from './grouped.ts';
import { townSatisfactionHandler, townSatisfactionRoute } from './town.ts';

export function registerSatisfactionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(townSatisfactionRoute, townSatisfactionHandler);
  app.openapi(groupedSatisfactionRoute, groupedSatisfactionHandler);
}
