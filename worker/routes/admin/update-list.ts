import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { AdminListIdParams, ListUpdateSchema } from '../../schemas/admin.ts';
import { ListRecordSchema } from '../../schemas/changes.ts';
import { problemResponses } from '../../schemas/common.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { updateList } from '../../services/admin/catalog.ts';
import { jsonBody, WRITE_ERRORS } from './write.ts';

export const updateListRoute = createRoute({
  method: 'patch',
  operationId: 'updateList',
  path: '/api/v1/admin/lists/{id}',
  tags: ['Admin'],
  summary: 'Edit a list (admin)',
  description: 'Changes the given fields of a list. The audit log keeps the list before and after.',
  security: [{ bearer: [] }],
  request: { params: AdminListIdParams, body: jsonBody(ListUpdateSchema) },
  responses: {
    200: { description: 'The list as it is now.', content: { 'application/json': { schema: ListRecordSchema } } },
    ...problemResponses(404),
    ...WRITE_ERRORS,
  },
});

export const updateListHandler: RouteHandler<typeof updateListRoute, AppEnv> = async (c) => {
  return c.json(await updateList(c.var.db, writeContext(c.var.actor), c.req.valid('param').id, c.req.valid('json')), 200);
};
