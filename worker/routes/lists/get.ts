import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { ListDetailSchema, ListIdParams } from '../../schemas/lists.ts';
import { getList } from '../../services/lists.ts';

export const getListRoute = createRoute({
  method: 'get',
  operationId: 'getList',
  path: '/api/v1/lists/{id}',
  tags: ['Lists'],
  summary: 'One list',
  description: 'The list with its notice and, where the notice prints them, the official per-province counts beside the towns we hold.',
  request: { params: ListIdParams },
  responses: {
    200: { description: 'The list.', content: { 'application/json': { schema: ListDetailSchema } } },
    ...problemResponses(400, 404, 503),
  },
});

export const getListHandler: RouteHandler<typeof getListRoute, AppEnv> = async (c) => {
  return c.json(await getList(c.var.db, c.req.valid('param').id), 200);
};
