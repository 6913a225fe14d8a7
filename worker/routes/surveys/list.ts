import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { NoQuery, problemResponses } from '../../schemas/common.ts';
import { SurveyListSchema } from '../../schemas/surveys.ts';
import { listSurveys } from '../../services/surveys/definitions.ts';

export const listSurveysRoute = createRoute({
  method: 'get',
  operationId: 'listSurveys',
  path: '/api/v1/surveys',
  tags: ['Surveys'],
  summary: 'The questionnaires',
  description:
    'The public (residents and visitors) and the enterprise satisfaction questionnaires, with their current version and whether they accept answers now.',
  request: { query: NoQuery },
  responses: {
    200: { description: 'Every questionnaire.', content: { 'application/json': { schema: SurveyListSchema } } },
    ...problemResponses(400, 503),
  },
});

export const listSurveysHandler: RouteHandler<typeof listSurveysRoute, AppEnv> = async (c) => {
  c.header('Cache-Control', 'public, max-age=60');
  return c.json({ items: await listSurveys(c.var.db) }, 200);
};
