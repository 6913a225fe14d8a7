import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { SatisfactionFormatQuery, TownSatisfactionSchema } from '../../schemas/satisfaction.ts';
import { TownIdParams } from '../../schemas/towns.ts';
import { townSatisfaction } from '../../services/surveys/results.ts';
import { answerCollection, collectionResponse } from '../collection.ts';
import { RESULT_CSV, resultRows } from './csv.ts';

export const townSatisfactionRoute = createRoute({
  method: 'get',
  operationId: 'getTownSatisfaction',
  path: '/api/v1/towns/{id}/satisfaction',
  tags: ['Satisfaction'],
  summary: "A town's satisfaction results",
  description:
    "Per wave of each survey and per dimension: the published responses, the score on a 0–100 scale (mean of the 1–5 ratings rescaled) with its 95% confidence interval beside the previous wave's, the answers as whole percentages and the Net Promoter Score. What is published follows the wave's rule (`after_close`: once closed; `live_in_steps`: the state at each 10th response) and the disclosure rules: fewer responses than `min_sample` are suppressed, no answer is given as a count, and a category with 1 or 2 respondents is merged or withheld (see /methodology). Free text is never published. Read from rollups: the cost does not grow with the number of responses.",
  request: { params: TownIdParams, query: SatisfactionFormatQuery },
  responses: {
    200: collectionResponse(TownSatisfactionSchema, 'The results; as CSV or NDJSON one row per wave and dimension.'),
    ...problemResponses(400, 404, 503),
  },
});

export const townSatisfactionHandler: RouteHandler<typeof townSatisfactionRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const result = await townSatisfaction(c.var.db, id, config(c.env).minSample, { wave: query.wave });
  return answerCollection(c, townSatisfactionRoute, {
    format: query.format,
    rows: () => resultRows(id, result.surveys),
    columns: RESULT_CSV,
    filename: `satisfaction-${id}`,
    json: () => c.json(result, 200),
  });
};
