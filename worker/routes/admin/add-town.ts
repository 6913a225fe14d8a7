import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { AdminListIdParams, MembershipCreateSchema } from '../../schemas/admin.ts';
import { EventRecordSchema } from '../../schemas/changes.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { addTownToList } from '../../services/admin/events.ts';
import { EVENT_REJECTED } from './write.ts';

export const addTownRoute = createRoute({
  method: 'post',
  operationId: 'addTownToList',
  path: '/api/v1/admin/lists/{id}/towns',
  tags: ['Admin'],
  summary: 'Add a town to a list (admin)',
  description:
    'Puts a known town on the list with its first status event (the status the notice gives it, usually `approved`, `named` or `pilot`).',
  security: [{ bearer: [] }],
  request: { params: AdminListIdParams, body: { required: true, content: { 'application/json': { schema: MembershipCreateSchema } } } },
  responses: {
    201: {
      description: 'The town is on the list; this is its first event.',
      content: { 'application/json': { schema: EventRecordSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 503),
    409: problemResponse('The town is already on the list.'),
    422: EVENT_REJECTED,
  },
});

export const addTownHandler: RouteHandler<typeof addTownRoute, AppEnv> = async (c) => {
  return c.json(await addTownToList(c.var.db, writeContext(c.var.actor), c.req.valid('param').id, c.req.valid('json')), 201);
};
