import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { EventCreateSchema } from '../../schemas/admin.ts';
import { EventRecordSchema } from '../../schemas/changes.ts';
import { problemResponses } from '../../schemas/common.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { recordEvent } from '../../services/admin/events.ts';
import { EVENT_REJECTED } from './write.ts';

export const recordEventRoute = createRoute({
  method: 'post',
  operationId: 'recordEvent',
  path: '/api/v1/admin/events',
  tags: ['Admin'],
  summary: 'Record a status event (admin)',
  description:
    "Records that a document gave a town a status on a list. Events are never edited or deleted: to correct one, record the right event with `supersedes` set to the wrong one's id. Both stay in the history; only the correction counts.",
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: EventCreateSchema } } } },
  responses: {
    201: { description: 'Recorded.', content: { 'application/json': { schema: EventRecordSchema } } },
    ...problemResponses(400, 401, 403, 503),
    422: EVENT_REJECTED,
  },
});

export const recordEventHandler: RouteHandler<typeof recordEventRoute, AppEnv> = async (c) => {
  return c.json(await recordEvent(c.var.db, writeContext(c.var.actor), c.req.valid('json')), 201);
};
