import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { getTownHandler, getTownRoute } from './get.ts';
import { townHistoryHandler, townHistoryRoute } from './history.ts';
import { listTownsHandler, listTownsRoute } from './list.ts';
import { listMembershipsHandler, listMembershipsRoute } from './memberships.ts';
import { listStatusEventsHandler, listStatusEventsRoute } from './status-events.ts';

export function registerTownRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listTownsRoute, listTownsHandler);
  app.openapi(getTownRoute, getTownHandler);
  app.openapi(townHistoryRoute, townHistoryHandler);
  app.openapi(listMembershipsRoute, listMembershipsHandler);
  app.openapi(listStatusEventsRoute, listStatusEventsHandler);
}
