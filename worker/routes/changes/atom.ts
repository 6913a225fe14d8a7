import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { linkOrigin } from '../../http/link-origin.ts';
import { renderAtomFeed } from '../../open-data/atom.ts';
import { problemResponses } from '../../schemas/common.ts';
import { latestFeedChanges } from '../../services/atom-feed.ts';

export const atomRoute = createRoute({
  method: 'get',
  operationId: 'getChangesFeed',
  path: '/feeds/changes.atom',
  tags: ['Changes'],
  summary: 'Atom feed of list changes',
  description:
    'The latest 50 status events and list changes, in Chinese, for feed readers. Programs should follow `/api/v1/changes` instead.',
  responses: {
    200: {
      description: 'An Atom 1.0 feed.',
      content: { 'application/atom+xml': { schema: z.string().openapi({ description: 'Atom XML.' }) } },
    },
    ...problemResponses(503),
  },
});

export const atomHandler: RouteHandler<typeof atomRoute, AppEnv> = async (c) => {
  const origin = linkOrigin(c.req.url, config(c.env).publicOrigin);
  const body = renderAtomFeed(origin, await latestFeedChanges(c.var.db));
  return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' }) as never;
};
