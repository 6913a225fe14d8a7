import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { ListIdParams } from '../../schemas/lists.ts';
import { TownListQuery, TownPageSchema } from '../../schemas/towns.ts';
import { getList } from '../../services/lists.ts';
import { iterateTowns, listTowns } from '../../services/towns.ts';
import { answerCollection, collectionResponse, nextLink } from '../collection.ts';
import { TOWN_CSV } from '../towns/csv.ts';

export const listTownsOfListRoute = createRoute({
  method: 'get',
  operationId: 'listListTowns',
  path: '/api/v1/lists/{id}/towns',
  tags: ['Lists'],
  summary: 'The towns of a list',
  description: 'Same filters, pagination and formats as /api/v1/towns, restricted to one list; `status` is the status on this list.',
  request: { params: ListIdParams, query: TownListQuery.omit({ list: true }) },
  responses: { 200: collectionResponse(TownPageSchema, 'A page of towns of the list.'), ...problemResponses(400, 404, 503) },
});

export const listTownsOfListHandler: RouteHandler<typeof listTownsOfListRoute, AppEnv> = async (c) => {
  const db = c.var.db;
  const { id } = c.req.valid('param');
  await getList(db, id);
  const query = { ...c.req.valid('query'), list: id };
  return answerCollection(c, listTownsOfListRoute, {
    format: query.format,
    rows: () => iterateTowns(db, query),
    columns: TOWN_CSV,
    filename: `towns-${id}`,
    json: async () => {
      const page = await listTowns(db, query);
      return c.json(page, 200, nextLink(c.req.url, page.next_cursor));
    },
  });
};
