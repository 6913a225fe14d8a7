import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { exportResponse, negotiateFormat } from '../../http/formats.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { getTownHistory, type StatusEvent } from '../../services/towns.ts';
import { problemResponses } from '../../schemas/common.ts';
import { HistoryQuery, HistorySchema, TownIdParams } from '../../schemas/towns.ts';
import { collectionResponse } from '../collection.ts';

const EVENT_CSV: CsvColumn<StatusEvent>[] = [
  ['id', (e) => e.id], ['list_id', (e) => e.list_id], ['list_name', (e) => e.list_name], ['status', (e) => e.status],
  ['status_raw', (e) => e.status_raw], ['effective_date', (e) => e.effective_date], ['date_precision', (e) => e.date_precision],
  ['date_note', (e) => e.date_note], ['source_id', (e) => e.source?.id], ['source_title', (e) => e.source?.title],
  ['document_number', (e) => e.source?.document_number], ['confidence', (e) => e.confidence],
  ['source_urls', (e) => e.source_urls.join(' ')], ['note', (e) => e.note],
  // Whether an event counts: without these a corrected or not-yet-effective event would look valid in a spreadsheet.
  ['supersedes', (e) => e.supersedes], ['superseded_by', (e) => e.superseded_by], ['recorded_at', (e) => e.recorded_at],
  ['scheduled', (e) => e.scheduled],
];

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
  const format = negotiateFormat(c, c.req.valid('query').format);
  if (format !== 'json') return exportResponse(format, history.items, EVENT_CSV, `history-${id}`) as never;
  return c.json(history, 200);
};
