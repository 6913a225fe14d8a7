import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { listFiguresHandler, listFiguresRoute } from './list.ts';

export function registerFigureRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listFiguresRoute, listFiguresHandler);
}
