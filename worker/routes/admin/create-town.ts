import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { TownCreateSchema } from '../../schemas/admin.ts';
import { TownRecordSchema } from '../../schemas/changes.ts';
import { problemResponse } from '../../schemas/common.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { createTown } from '../../services/admin/catalog.ts';
import { jsonBody, WRITE_ERRORS } from './write.ts';

export const createTownRoute = createRoute({
  method: 'post',
  operationId: 'createTown',
  path: '/api/v1/admin/towns',
  tags: ['Admin'],
  summary: 'Create a town (admin)',
  description:
    'Creates a town no list names yet, so that it can be added to a list. Check `GET /api/v1/towns?q=` first: most towns are already known.',
  security: [{ bearer: [] }],
  request: { body: jsonBody(TownCreateSchema) },
  responses: {
    201: { description: 'Created.', content: { 'application/json': { schema: TownRecordSchema } } },
    409: problemResponse('A town with this id exists.'),
    ...WRITE_ERRORS,
  },
});

export const createTownHandler: RouteHandler<typeof createTownRoute, AppEnv> = async (c) => {
  return c.json(await createTown(c.var.db, writeContext(c.var.actor), c.req.valid('json')), 201);
};
