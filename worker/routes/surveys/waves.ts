import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { SurveyIdParams, WaveListSchema } from '../../schemas/surveys.ts';
import { listWaves } from '../../services/surveys/definitions.ts';

export const listWavesRoute = createRoute({
  method: 'get',
  operationId: 'listSurveyWaves',
  path: '/api/v1/surveys/{id}/waves',
  tags: ['Surveys'],
  summary: 'The waves of a questionnaire',
  description:
    'Each wave (round) of the survey: the questionnaire version it asks, when it accepts answers (UTC), its publication rule and whether it is scheduled, open or closed. A response belongs to the wave open when it arrives; results are given per wave.',
  request: { params: SurveyIdParams },
  responses: {
    200: { description: 'The waves, in the order they open.', content: { 'application/json': { schema: WaveListSchema } } },
    ...problemResponses(400, 404, 503),
  },
});

export const listWavesHandler: RouteHandler<typeof listWavesRoute, AppEnv> = async (c) => {
  c.header('Cache-Control', 'public, max-age=60');
  return c.json({ items: await listWaves(c.var.db, c.req.valid('param').id) }, 200);
};
