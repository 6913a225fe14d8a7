import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { listLists, type List } from '../../services/lists.ts';
import { problemResponses } from '../../schemas/common.ts';
import { ListPageSchema } from '../../schemas/lists.ts';
import { CollectionQuery } from '../../schemas/sources.ts';
import { collectionResponse, wholeCollection } from '../collection.ts';

const LIST_CSV: CsvColumn<List>[] = [
  ['id', (l) => l.id], ['name', (l) => l.name], ['name_en', (l) => l.name_en], ['level', (l) => l.level], ['kind', (l) => l.kind],
  ['province', (l) => l.province], ['issuer', (l) => l.issuer], ['published_on', (l) => l.published_on],
  ['document_title', (l) => l.document_title], ['document_number', (l) => l.document_number], ['source_url', (l) => l.source_url],
  ['official_count', (l) => l.official_count], ['town_count', (l) => l.town_count], ['missing', (l) => l.missing],
  ['complete', (l) => l.complete], ['note', (l) => l.note],
];

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
  return wholeCollection(c, items, c.req.valid('query').format, LIST_CSV, 'lists') as never;
};
