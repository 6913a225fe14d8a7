import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { robotsTxt } from '../../open-data/sitemap.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { originFor } from './absolute-origin.ts';

export const robotsRoute = createRoute({
  method: 'get',
  operationId: 'getRobots',
  path: '/robots.txt',
  tags: ['Open data'],
  summary: 'What crawlers may visit',
  description: 'Everything public; not the admin API. Names the sitemap.',
  request: { query: NoQuery },
  responses: {
    200: {
      description: 'robots.txt.',
      content: {
        'text/plain': {
          schema: z.string().openapi({ description: 'The Robots Exclusion Protocol (RFC 9309).', example: 'User-agent: *\nAllow: /' }),
        },
      },
    },
    ...problemResponses(400),
  },
});

export const robotsHandler: RouteHandler<typeof robotsRoute, AppEnv> = (c) => {
  const { origin, cacheControl } = originFor(c);
  return c.text(robotsTxt(origin), 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': cacheControl });
};
