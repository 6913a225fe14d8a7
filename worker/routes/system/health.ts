import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { HealthSchema } from '../../schemas/system.ts';
import { checkHealth } from '../../services/health.ts';

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
