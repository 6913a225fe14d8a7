import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { csvColumns } from '../../open-data/table.ts';
import { STATUS_EVENTS_TABLE } from '../../open-data/tables/status-events.ts';
import { problemResponses } from '../../schemas/common.ts';
import { CollectionQuery } from '../../schemas/sources.ts';
import { StatusEventPageSchema } from '../../schemas/towns.ts';
import { listStatusEvents } from '../../services/towns.ts';
import { answerCollection, collectionResponse, wholePage } from '../collection.ts';

const STATUS_EVENT_CSV = csvColumns(STATUS_EVENTS_TABLE);

export const listStatusEventsRoute = createRoute({
  method: 'get',
  operationId: 'listStatusEvents',
  path: '/api/v1/status-events',
  tags: ['Towns'],
  summary: 'The whole status history',
  description:
    'Every status event of every town, town by town and oldest first within a town, each with its source document and confidence: the rows of /api/v1/towns/{id}/history for all towns at once. All rows in one page.',
  request: { query: CollectionQuery },
  responses: { 200: collectionResponse(StatusEventPageSchema, 'Every event.'), ...problemResponses(400, 503) },
});

export const listStatusEventsHandler: RouteHandler<typeof listStatusEventsRoute, AppEnv> = async (c) => {
  const items = await listStatusEvents(c.var.db);
  return answerCollection(c, listStatusEventsRoute, {
    format: c.req.valid('query').format,
    rows: () => items,
    columns: STATUS_EVENT_CSV,
    filename: 'status-events',
    json: () => c.json(wholePage(items), 200),
  });
};
