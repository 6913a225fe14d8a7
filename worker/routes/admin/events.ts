import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { addTownToList, recordEvent } from '../../services/admin/events.ts';
import { AdminListIdParams, EventCreateSchema, MembershipCreateSchema } from '../../schemas/admin.ts';
import { EventRecordSchema } from '../../schemas/changes.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';

const REJECTED = problemResponse('A referenced record does not exist (`unknown-reference`), or the lists\' rules refuse the event (`write-rejected`: not on the list, already recorded, impossible after an elimination, bad correction).');

export const recordEventRoute = createRoute({
  method: 'post',
  operationId: 'recordEvent',
  path: '/api/v1/admin/events',
  tags: ['Admin'],
  summary: 'Record a status event (admin)',
  description:
    'Records that a document gave a town a status on a list. Events are never edited or deleted: to correct one, record the right event with `supersedes` set to the wrong one\'s id. Both stay in the history; only the correction counts.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: EventCreateSchema } } } },
  responses: {
    201: { description: 'Recorded.', content: { 'application/json': { schema: EventRecordSchema } } },
    ...problemResponses(400, 401, 403, 503),
    422: REJECTED,
  },
});

export const recordEventHandler: RouteHandler<typeof recordEventRoute, AppEnv> = async (c) => {
  return c.json(await recordEvent(c.var.db, writeContext(c.var.actor), c.req.valid('json')), 201);
};

export const addTownRoute = createRoute({
  method: 'post',
  operationId: 'addTownToList',
  path: '/api/v1/admin/lists/{id}/towns',
  tags: ['Admin'],
  summary: 'Add a town to a list (admin)',
  description: 'Puts a known town on the list with its first status event (the status the notice gives it, usually `approved`, `named` or `pilot`).',
  security: [{ bearer: [] }],
  request: { params: AdminListIdParams, body: { required: true, content: { 'application/json': { schema: MembershipCreateSchema } } } },
  responses: {
    201: { description: 'The town is on the list; this is its first event.', content: { 'application/json': { schema: EventRecordSchema } } },
    ...problemResponses(400, 401, 403, 404, 503),
    409: problemResponse('The town is already on the list.'),
    422: REJECTED,
  },
});

export const addTownHandler: RouteHandler<typeof addTownRoute, AppEnv> = async (c) => {
  return c.json(await addTownToList(c.var.db, writeContext(c.var.actor), c.req.valid('param').id, c.req.valid('json')), 201);
};
