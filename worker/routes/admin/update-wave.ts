import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { WaveSchema } from '../../schemas/surveys.ts';
import { WaveParams, WaveUpdateSchema } from '../../schemas/waves.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { updateWave } from '../../services/admin/survey-waves.ts';
import { WAVE_REFUSED } from './write.ts';

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
    422: WAVE_REFUSED,
  },
});

export const updateWaveHandler: RouteHandler<typeof updateWaveRoute, AppEnv> = async (c) => {
  const { id, wave } = c.req.valid('param');
  return c.json(await updateWave(c.var.db, writeContext(c.var.actor), id, wave, c.req.valid('json')), 200);
};
