import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { createWave, updateWave } from '../../services/admin/survey-waves.ts';
import { problemResponse, problemResponses } from '../../schemas/common.ts';
import { SurveyIdParams, WaveSchema } from '../../schemas/surveys.ts';
import { WaveCreateSchema, WaveParams, WaveUpdateSchema } from '../../schemas/waves.ts';

const REFUSED = problemResponse(
  'Refused, nothing written (errors[] says why): the wave would overlap another wave of the survey, close before it opens, or leave some of its responses outside it; a wave with responses cannot change its publication rule, nor reopen once closed if it publishes after closing (either would publish two states of its results fewer than 10 responses apart); a response arrived while it was being changed; or an unknown version.',
);

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
    422: REFUSED,
  },
});

export const createWaveHandler: RouteHandler<typeof createWaveRoute, AppEnv> = async (c) => {
  return c.json(await createWave(c.var.db, writeContext(c.var.actor), c.req.valid('param').id, c.req.valid('json')), 201);
};

export const updateWaveRoute = createRoute({
  method: 'patch',
  operationId: 'updateSurveyWave',
  path: '/api/v1/admin/surveys/{id}/waves/{wave}',
  tags: ['Admin'],
  summary: 'Open, close, reschedule or rename a wave (admin)',
  description:
    'Changes a wave: `closes_at` now closes it, a later `opens_at` postpones it, `publication` changes how its results are published. A wave keeps its responses and its questionnaire. The audit log records the wave before and after (entity `wave`), in the same transaction.',
  security: [{ bearer: [] }],
  request: { params: WaveParams, body: { required: true, content: { 'application/json': { schema: WaveUpdateSchema } } } },
  responses: {
    200: { description: 'The wave as changed.', content: { 'application/json': { schema: WaveSchema } } },
    ...problemResponses(400, 401, 403, 404, 503),
    422: REFUSED,
  },
});

export const updateWaveHandler: RouteHandler<typeof updateWaveRoute, AppEnv> = async (c) => {
  const { id, wave } = c.req.valid('param');
  return c.json(await updateWave(c.var.db, writeContext(c.var.actor), id, wave, c.req.valid('json')), 200);
};
