import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { SurveyIdParams, WaveSchema } from '../../schemas/surveys.ts';
import { WaveCreateSchema } from '../../schemas/waves.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { createWave } from '../../services/admin/survey-waves.ts';
import { WAVE_REFUSED } from './write.ts';

export const createWaveRoute = createRoute({
  method: 'post',
  operationId: 'createSurveyWave',
  path: '/api/v1/admin/surveys/{id}/waves',
  tags: ['Admin'],
  summary: 'Schedule a wave of a survey (admin)',
  description:
    'Schedules a new wave (round) of the survey, or opens one at once with `opens_at` now. Waves of a survey never overlap. The audit log records it (entity `wave`) in the same transaction.',
  security: [{ bearer: [] }],
  request: { params: SurveyIdParams, body: { required: true, content: { 'application/json': { schema: WaveCreateSchema } } } },
  responses: {
    201: { description: 'The new wave.', content: { 'application/json': { schema: WaveSchema } } },
    ...problemResponses(400, 401, 403, 404, 503),
    409: problemResponse('A wave with this id exists already.'),
    422: WAVE_REFUSED,
  },
});

export const createWaveHandler: RouteHandler<typeof createWaveRoute, AppEnv> = async (c) => {
  return c.json(await createWave(c.var.db, writeContext(c.var.actor), c.req.valid('param').id, c.req.valid('json')), 201);
};
