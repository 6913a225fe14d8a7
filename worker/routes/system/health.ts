import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { checkHealth } from '../../services/health.ts';

const HealthSchema = z
  .object({
    status: z.literal('ok').openapi({ description: 'The worker answers and the database is readable.', example: 'ok' }),
    data_version: z.string().nullable().openapi({
      description:
        'Version of the data: the sequence number of the latest change in the change feed (`/api/v1/changes`); "0" before the first load.',
      example: '2279',
    }),
  })
  .openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  operationId: 'getHealth',
  path: '/healthz',
  tags: ['System'],
  summary: 'Health check',
  description: 'Reads the data version from the database: a 200 means the worker and D1 both answer.',
  responses: {
    200: { description: 'Healthy.', content: { 'application/json': { schema: HealthSchema } } },
    ...problemResponses(503),
  },
});

export const healthHandler: RouteHandler<typeof healthRoute, AppEnv> = async (c) => {
  const health = await checkHealth(c.var.db);
  c.header('Cache-Control', 'no-store');
  return c.json(health, 200);
};
