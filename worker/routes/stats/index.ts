import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { statsHandler, statsRoute } from './get.ts';

export function registerStatsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(statsRoute, statsHandler);
}
