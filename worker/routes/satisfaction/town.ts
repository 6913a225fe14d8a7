import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { exportResponse, negotiateFormat } from '../../http/formats.ts';
import { townSatisfaction } from '../../services/surveys/results.ts';
import { problemResponses } from '../../schemas/common.ts';
import { SatisfactionFormatQuery, TownSatisfactionSchema } from '../../schemas/satisfaction.ts';
import { TownIdParams } from '../../schemas/towns.ts';
import { collectionResponse } from '../collection.ts';
import { minSample } from '../../http/survey-context.ts';
import { RESULT_CSV, resultRows } from './csv.ts';

export const townSatisfactionRoute = createRoute({
  method: 'get',
  operationId: 'getTownSatisfaction',
  path: '/api/v1/towns/{id}/satisfaction',
  tags: ['Satisfaction'],
  summary: "A town's satisfaction results",
  description:
    'Per survey version and dimension: responses, the score on a 0–100 scale (mean of the 1–5 ratings rescaled) with its 95% confidence interval, the answer distributions and the Net Promoter Score. Fewer responses than `min_sample` are suppressed. Free text is never published. Read from rollups: the cost does not grow with the number of responses.',
  request: { params: TownIdParams, query: SatisfactionFormatQuery },
  responses: { 200: collectionResponse(TownSatisfactionSchema, 'The results; as CSV or NDJSON one row per survey version and dimension.'), ...problemResponses(400, 404, 503) },
});

export const townSatisfactionHandler: RouteHandler<typeof townSatisfactionRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const result = await townSatisfaction(c.var.db, id, minSample(c.env));
  const format = negotiateFormat(c, c.req.valid('query').format);
  if (format !== 'json') return exportResponse(format, resultRows(id, result.surveys), RESULT_CSV, `satisfaction-${id}`) as never;
  return c.json(result, 200);
};
