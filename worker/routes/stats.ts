import { createRoute, type OpenAPIHono, type RouteHandler } from '@hono/zod-openapi';
import { createDb } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { getStats } from '../services/stats.ts';
import { problemResponses } from '../schemas/common.ts';
import { StatsQuery, StatsSchema } from '../schemas/stats.ts';

export const statsRoute = createRoute({
  method: 'get',
  path: '/api/v1/stats',
  tags: ['Statistics'],
  summary: 'Counts by province, status, list or level',
  description:
    'Counts of towns and town–list pairs, with the filters of /api/v1/towns (including `as_of`). Where a notice states a number (per list; per province with a `list` filter) it is given beside our count, with the gap, as long as the filters cover the whole list.',
  request: { query: StatsQuery },
  responses: {
    200: { description: 'The counts.', content: { 'application/json': { schema: StatsSchema } } },
    ...problemResponses(400, 503),
  },
});

export const statsHandler: RouteHandler<typeof statsRoute, AppEnv> = async (c) => {
  return c.json(await getStats(createDb(c.env.DB), c.req.valid('query')), 200);
};

export function registerStatsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(statsRoute, statsHandler);
}
