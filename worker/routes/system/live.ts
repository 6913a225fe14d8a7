import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { LiveSchema } from '../../schemas/system.ts';

export const liveRoute = createRoute({
  method: 'get',
  operationId: 'getLiveness',
  path: '/livez',
  tags: ['System'],
  summary: 'Liveness check',
  description: "Answers without touching the database: for uptime probes, and the benchmark's measure of what the runtime alone can serve.",
  responses: { 200: { description: 'Alive.', content: { 'application/json': { schema: LiveSchema } } } },
});

export const liveHandler: RouteHandler<typeof liveRoute, AppEnv> = (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'ok' as const }, 200);
};
