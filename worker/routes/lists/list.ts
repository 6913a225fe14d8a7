import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { csvColumns } from '../../open-data/table.ts';
import { LISTS_TABLE } from '../../open-data/tables/lists.ts';
import { problemResponses } from '../../schemas/common.ts';
import { ListPageSchema } from '../../schemas/lists.ts';
import { CollectionQuery } from '../../schemas/sources.ts';
import { listLists } from '../../services/lists.ts';
import { answerCollection, collectionResponse, wholePage } from '../collection.ts';

const LIST_CSV = csvColumns(LISTS_TABLE);

export const listListsRoute = createRoute({
  method: 'get',
  operationId: 'listLists',
  path: '/api/v1/lists',
  tags: ['Lists'],
  summary: 'Every official list',
  description:
    'All lists in one page: national batches, ministry pilots and provincial lists, each with its notice, the number of towns the notice states (`official_count`), the number we hold (`town_count`) and whether our copy is `complete`.',
  request: { query: CollectionQuery },
  responses: { 200: collectionResponse(ListPageSchema, 'Every list.'), ...problemResponses(400, 503) },
});

export const listListsHandler: RouteHandler<typeof listListsRoute, AppEnv> = async (c) => {
  const items = await listLists(c.var.db);
  return answerCollection(c, listListsRoute, {
    format: c.req.valid('query').format,
    rows: () => items,
    columns: LIST_CSV,
    filename: 'lists',
    json: () => c.json(wholePage(items), 200),
  });
};
