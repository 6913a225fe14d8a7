import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { createDb } from '../../db/client.ts';
import type { AppEnv } from '../../env.ts';
import { getTownHistory } from '../../services/towns.ts';
import { problemResponses } from '../../schemas/common.ts';
import { HistorySchema, TownIdParams } from '../../schemas/towns.ts';

export const townHistoryRoute = createRoute({
  method: 'get',
  path: '/api/v1/towns/{id}/history',
  tags: ['Towns'],
  summary: "A town's status history",
  description: 'Every dated status event of the town on every list, oldest first, each with its source document and confidence.',
  request: { params: TownIdParams },
  responses: {
    200: { description: 'The events.', content: { 'application/json': { schema: HistorySchema } } },
    ...problemResponses(400, 404, 503),
  },
});

export const townHistoryHandler: RouteHandler<typeof townHistoryRoute, AppEnv> = async (c) => {
  return c.json(await getTownHistory(createDb(c.env.DB), c.req.valid('param').id), 200);
};
