import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { GroupedSatisfactionQuery, GroupedSatisfactionSchema } from '../../schemas/satisfaction.ts';
import { groupedSatisfaction } from '../../services/surveys/results.ts';
import { toFilter } from '../../services/towns.ts';
import { answerCollection, collectionResponse } from '../collection.ts';
import { RESULT_CSV, resultRows } from './csv.ts';

export const groupedSatisfactionRoute = createRoute({
  method: 'get',
  operationId: 'listSatisfaction',
  path: '/api/v1/satisfaction',
  tags: ['Satisfaction'],
  summary: 'Satisfaction results by province, list or status',
  description:
    'The results of /api/v1/towns/{id}/satisfaction summed over groups of towns, per wave, with the town filters of /api/v1/towns (including `as_of`). Only towns that are published themselves (at least `min_sample` published responses) are summed, so that no difference between two published groups isolates fewer respondents than that. A town on two lists counts in both list groups, once in each. Groups below `min_sample` are suppressed.',
  request: { query: GroupedSatisfactionQuery },
  responses: { 200: collectionResponse(GroupedSatisfactionSchema, 'The results per group.'), ...problemResponses(400, 503) },
});

export const groupedSatisfactionHandler: RouteHandler<typeof groupedSatisfactionRoute, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const result = await groupedSatisfaction(c.var.db, toFilter(query), query.group_by, config(c.env).minSample, { wave: query.wave });
  return answerCollection(c, groupedSatisfactionRoute, {
    format: query.format,
    rows: () => result.groups.flatMap((g) => resultRows(g.key, g.surveys)),
    columns: RESULT_CSV,
    filename: `satisfaction-by-${query.group_by}`,
    json: () => c.json(result, 200),
  });
};
