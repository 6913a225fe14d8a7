import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { csvColumns } from '../../open-data/table.ts';
import { EVENT_FIELDS } from '../../open-data/tables/status-events.ts';
import { problemResponses } from '../../schemas/common.ts';
import { HistoryQuery, HistorySchema, TownIdParams } from '../../schemas/towns.ts';
import { getTownHistory } from '../../services/towns.ts';
import { answerCollection, collectionResponse } from '../collection.ts';

const EVENT_CSV = csvColumns({ fields: EVENT_FIELDS });

export const townHistoryRoute = createRoute({
  method: 'get',
  operationId: 'getTownHistory',
  path: '/api/v1/towns/{id}/history',
  tags: ['Towns'],
  summary: "A town's status history",
  description: 'Every dated status event of the town on every list, oldest first, each with its source document and confidence.',
  request: { params: TownIdParams, query: HistoryQuery },
  responses: { 200: collectionResponse(HistorySchema, 'The events.'), ...problemResponses(400, 404, 503) },
});

export const townHistoryHandler: RouteHandler<typeof townHistoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const history = await getTownHistory(c.var.db, id);
  return answerCollection(c, townHistoryRoute, {
    format: c.req.valid('query').format,
    rows: () => history.items,
    columns: EVENT_CSV,
    filename: `history-${id}`,
    json: () => c.json(history, 200),
  });
};
