import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { createList, createSource, createTown, updateList } from '../../services/admin/catalog.ts';
import { AdminListIdParams, ListCreateSchema, ListUpdateSchema, SourceInputSchema, TownCreateSchema } from '../../schemas/admin.ts';
import { ListRecordSchema, TownRecordSchema } from '../../schemas/changes.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { SourceSchema } from '../../schemas/sources.ts';

const json = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const WRITE_ERRORS = { ...problemResponses(400, 401, 403, 503), 422: problemResponse('A record the body refers to does not exist (errors[] names it).') };

export const createSourceRoute = createRoute({
  method: 'post',
  operationId: 'createSource',
  path: '/api/v1/admin/sources',
  tags: ['Admin'],
  summary: 'Record a source document (admin)',
  description: 'Records an official document that lists and events can cite. Its id derives from its title and number, so sending the same document again returns the existing record (200) instead of a copy.',
  security: [{ bearer: [] }],
  request: { body: json(SourceInputSchema) },
  responses: {
    201: { description: 'Recorded.', content: { 'application/json': { schema: SourceSchema } } },
    200: { description: 'Already recorded: the existing document.', content: { 'application/json': { schema: SourceSchema } } },
    ...WRITE_ERRORS,
  },
});

export const createSourceHandler: RouteHandler<typeof createSourceRoute, AppEnv> = async (c) => {
  const { created, source } = await createSource(c.var.db, writeContext(c.var.actor), c.req.valid('json'));
  return created ? c.json(source, 201) : c.json(source, 200);
};

export const createListRoute = createRoute({
  method: 'post',
  operationId: 'createList',
  path: '/api/v1/admin/lists',
  tags: ['Admin'],
  summary: 'Create a list (admin)',
  description: 'Creates a list published by the given source document. Its towns are added with `POST /api/v1/admin/lists/{id}/towns` or an import.',
  security: [{ bearer: [] }],
  request: { body: json(ListCreateSchema) },
  responses: {
    201: { description: 'Created.', content: { 'application/json': { schema: ListRecordSchema } } },
    409: problemResponse('A list with this id exists.'),
    ...WRITE_ERRORS,
  },
});

export const createListHandler: RouteHandler<typeof createListRoute, AppEnv> = async (c) => {
  return c.json(await createList(c.var.db, writeContext(c.var.actor), c.req.valid('json')), 201);
};

export const updateListRoute = createRoute({
  method: 'patch',
  operationId: 'updateList',
  path: '/api/v1/admin/lists/{id}',
  tags: ['Admin'],
  summary: 'Edit a list (admin)',
  description: 'Changes the given fields of a list. The audit log keeps the list before and after.',
  security: [{ bearer: [] }],
  request: { params: AdminListIdParams, body: json(ListUpdateSchema) },
  responses: {
    200: { description: 'The list as it is now.', content: { 'application/json': { schema: ListRecordSchema } } },
    ...problemResponses(404),
    ...WRITE_ERRORS,
  },
});

export const updateListHandler: RouteHandler<typeof updateListRoute, AppEnv> = async (c) => {
  return c.json(await updateList(c.var.db, writeContext(c.var.actor), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const createTownRoute = createRoute({
  method: 'post',
  operationId: 'createTown',
  path: '/api/v1/admin/towns',
  tags: ['Admin'],
  summary: 'Create a town (admin)',
  description: 'Creates a town no list names yet, so that it can be added to a list. Check `GET /api/v1/towns?q=` first: most towns are already known.',
  security: [{ bearer: [] }],
  request: { body: json(TownCreateSchema) },
  responses: {
    201: { description: 'Created.', content: { 'application/json': { schema: TownRecordSchema } } },
    409: problemResponse('A town with this id exists.'),
    ...WRITE_ERRORS,
  },
});

export const createTownHandler: RouteHandler<typeof createTownRoute, AppEnv> = async (c) => {
  return c.json(await createTown(c.var.db, writeContext(c.var.actor), c.req.valid('json')), 201);
};
