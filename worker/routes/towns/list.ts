import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { TownListQuery, TownPageSchema } from '../../schemas/towns.ts';
import { iterateTowns, listTowns } from '../../services/towns.ts';
import { answerCollection, collectionResponse, nextLink } from '../collection.ts';
import { TOWN_CSV } from './csv.ts';

export const listTownsRoute = createRoute({
  method: 'get',
  operationId: 'listTowns',
  path: '/api/v1/towns',
  tags: ['Towns'],
  summary: 'Search and filter towns',
  description:
    'Towns on any list, filtered by list, status, place, level and name (Chinese or pinyin), optionally as they stood on a date. Keyset-paginated: follow `next_cursor` or the `Link` header. `format=csv` or `format=ndjson` returns every page at once.',
  request: { query: TownListQuery },
  responses: { 200: collectionResponse(TownPageSchema, 'A page of towns.'), ...problemResponses(400, 503) },
});

export const listTownsHandler: RouteHandler<typeof listTownsRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const db = c.var.db;
  return answerCollection(c, listTownsRoute, {
    format: query.format,
    rows: () => iterateTowns(db, query),
    columns: TOWN_CSV,
    filename: 'towns',
    json: async () => {
      const page = await listTowns(db, query);
      return c.json(page, 200, nextLink(c.req.url, page.next_cursor));
    },
  });
};
