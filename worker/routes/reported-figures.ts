import { createRoute, type OpenAPIHono, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import type { CsvColumn } from '../lib/csv.ts';
import { listFigures, type Figure } from '../services/sources.ts';
import { problemResponses } from '../schemas/common.ts';
import { CollectionQuery, FigurePageSchema } from '../schemas/sources.ts';
import { collectionResponse, wholeCollection } from './collection.ts';

const FIGURE_CSV: CsvColumn<Figure>[] = [
  ['id', (f) => f.id], ['level', (f) => f.level], ['province', (f) => f.province], ['issuer', (f) => f.issuer],
  ['effective_date', (f) => f.effective_date], ['date_precision', (f) => f.date_precision], ['date_note', (f) => f.date_note],
  ['event_type', (f) => f.event_type], ['list_id', (f) => f.list_id], ['list_name', (f) => f.list_name], ['figure', (f) => f.figure],
  ['count', (f) => f.count], ['detail', (f) => f.detail], ['source_id', (f) => f.source?.id], ['source_title', (f) => f.source?.title],
  ['confidence', (f) => f.confidence], ['source_urls', (f) => f.source_urls.join(' ')], ['note', (f) => f.note],
];

export const listFiguresRoute = createRoute({
  method: 'get',
  operationId: 'listReportedFigures',
  path: '/api/v1/reported-figures',
  tags: ['Sources'],
  summary: 'Figures reported without naming the towns',
  description: 'Totals the authorities reported (towns listed, eliminated, retained…) with their sources, so that the named rows can be compared with them.',
  request: { query: CollectionQuery },
  responses: { 200: collectionResponse(FigurePageSchema, 'Every reported figure.'), ...problemResponses(400, 503) },
});

export const listFiguresHandler: RouteHandler<typeof listFiguresRoute, AppEnv> = async (c) => {
  const items = await listFigures(c.var.db);
  return wholeCollection(c, items, c.req.valid('query').format, FIGURE_CSV, 'reported-figures') as never;
};

export function registerFigureRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listFiguresRoute, listFiguresHandler);
}
