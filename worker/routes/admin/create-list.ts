import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { ListCreateSchema } from '../../schemas/admin.ts';
import { ListRecordSchema } from '../../schemas/changes.ts';
import { problemResponse } from '../../schemas/common.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { createList } from '../../services/admin/catalog.ts';
import { jsonBody, WRITE_ERRORS } from './write.ts';

export const createListRoute = createRoute({
  method: 'post',
  operationId: 'createList',
  path: '/api/v1/admin/lists',
  tags: ['Admin'],
  summary: 'Create a list (admin)',
  description:
    'Creates a list published by the given source document. Its towns are added with `POST /api/v1/admin/lists/{id}/towns` or an import.',
  security: [{ bearer: [] }],
  request: { body: jsonBody(ListCreateSchema) },
  responses: {
    201: { description: 'Created.', content: { 'application/json': { schema: ListRecordSchema } } },
    409: problemResponse('A list with this id exists.'),
    ...WRITE_ERRORS,
  },
});

export const createListHandler: RouteHandler<typeof createListRoute, AppEnv> = async (c) => {
  return c.json(await createList(c.var.db, writeContext(c.var.actor), c.req.valid('json')), 201);
};
