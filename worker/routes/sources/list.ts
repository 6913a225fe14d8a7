import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { csvColumns } from '../../open-data/table.ts';
import { SOURCES_TABLE } from '../../open-data/tables/sources.ts';
import { problemResponses } from '../../schemas/common.ts';
import { CollectionQuery, SourcePageSchema } from '../../schemas/sources.ts';
import { listSources } from '../../services/sources.ts';
import { answerCollection, collectionResponse, wholePage } from '../collection.ts';

const SOURCE_CSV = csvColumns(SOURCES_TABLE);

export const listSourcesRoute = createRoute({
  method: 'get',
  operationId: 'listSources',
  path: '/api/v1/sources',
  tags: ['Sources'],
  summary: 'The official documents the data comes from',
  description: 'Every notice, report and ranking that a list, status event or reported figure cites, with the copies where it was read.',
  request: { query: CollectionQuery },
  responses: { 200: collectionResponse(SourcePageSchema, 'Every source.'), ...problemResponses(400, 503) },
});

export const listSourcesHandler: RouteHandler<typeof listSourcesRoute, AppEnv> = async (c) => {
  const items = await listSources(c.var.db);
  return answerCollection(c, listSourcesRoute, {
    format: c.req.valid('query').format,
    rows: () => items,
    columns: SOURCE_CSV,
    filename: 'sources',
    json: () => c.json(wholePage(items), 200),
  });
};
