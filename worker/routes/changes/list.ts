import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { ChangePageSchema, ChangesQuery } from '../../schemas/changes.ts';
import { problemResponses } from '../../schemas/common.ts';
import { listChanges } from '../../services/changes.ts';

export const changesRoute = createRoute({
  method: 'get',
  operationId: 'listChanges',
  path: '/api/v1/changes',
  tags: ['Changes'],
  summary: 'Change feed',
  description: [
    'Every change of the published data in order: sources, lists, towns, memberships (a town on a list, with its current status), status events and reported figures, each as a record with ids instead of joined names.',
    'Start with `since=0`, apply each item (`upsert`: replace your copy of the record with `data`; `delete`: remove it), and continue with `next_since` while `has_more`; later, poll with the last `next_since`. A record changed several times appears once, at its latest change, so a client that follows the feed holds exactly the data of a fresh full download.',
  ].join('\n\n'),
  request: { query: ChangesQuery },
  responses: {
    200: { description: 'A page of changes.', content: { 'application/json': { schema: ChangePageSchema } } },
    ...problemResponses(400, 503),
  },
});

export const changesHandler: RouteHandler<typeof changesRoute, AppEnv> = async (c) => {
  const q = c.req.valid('query');
  return c.json(await listChanges(c.var.db, Number(q.since), q.limit), 200);
};
