import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { TownIdParams, TownSchema } from '../../schemas/towns.ts';
import { getTown } from '../../services/towns.ts';

export const getTownRoute = createRoute({
  method: 'get',
  operationId: 'getTown',
  path: '/api/v1/towns/{id}',
  tags: ['Towns'],
  summary: 'One town',
  description: 'The town with every list it is on, its current status on each, and where each row was read.',
  request: { params: TownIdParams },
  responses: {
    200: { description: 'The town.', content: { 'application/json': { schema: TownSchema } } },
    ...problemResponses(400, 404, 503),
  },
});

export const getTownHandler: RouteHandler<typeof getTownRoute, AppEnv> = async (c) => {
  return c.json(await getTown(c.var.db, c.req.valid('param').id), 200);
};
