import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { SurveyIdParams, SurveySchema } from '../../schemas/surveys.ts';
import { getSurvey } from '../../services/surveys/definitions.ts';

export const getSurveyRoute = createRoute({
  method: 'get',
  operationId: 'getSurvey',
  path: '/api/v1/surveys/{id}',
  tags: ['Surveys'],
  summary: 'One questionnaire',
  description:
    'The current version of a questionnaire, in Chinese and English: sections, questions with their type, scale or options, whether each is required, and the dimension each scores.',
  request: { params: SurveyIdParams },
  responses: {
    200: { description: 'The questionnaire.', content: { 'application/json': { schema: SurveySchema } } },
    ...problemResponses(400, 404, 503),
  },
});

export const getSurveyHandler: RouteHandler<typeof getSurveyRoute, AppEnv> = async (c) => {
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(await getSurvey(c.var.db, c.req.valid('param').id), 200);
};
