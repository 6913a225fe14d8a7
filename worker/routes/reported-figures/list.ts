import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { csvColumns } from '../../open-data/table.ts';
import { REPORTED_FIGURES_TABLE } from '../../open-data/tables/reported-figures.ts';
import { problemResponses } from '../../schemas/common.ts';
import { CollectionQuery, FigurePageSchema } from '../../schemas/sources.ts';
import { listFigures } from '../../services/sources.ts';
import { answerCollection, collectionResponse, wholePage } from '../collection.ts';

const FIGURE_CSV = csvColumns(REPORTED_FIGURES_TABLE);

export const listFiguresRoute = createRoute({
  method: 'get',
  operationId: 'listReportedFigures',
  path: '/api/v1/reported-figures',
  tags: ['Sources'],
  summary: 'Figures reported without naming the towns',
  description:
    'Totals the authorities reported (towns listed, eliminated, retained…) with their sources, so that the named rows can be compared with them.',
  request: { query: CollectionQuery },
  responses: { 200: collectionResponse(FigurePageSchema, 'Every reported figure.'), ...problemResponses(400, 503) },
});

export const listFiguresHandler: RouteHandler<typeof listFiguresRoute, AppEnv> = async (c) => {
  const items = await listFigures(c.var.db);
  return answerCollection(c, listFiguresRoute, {
    format: c.req.valid('query').format,
    rows: () => items,
    columns: FIGURE_CSV,
    filename: 'reported-figures',
    json: () => c.json(wholePage(items), 200),
  });
};
