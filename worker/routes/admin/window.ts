import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../schemas/common.ts';
import { SurveyIdParams, SurveySummarySchema, WindowUpdateSchema } from '../../schemas/surveys.ts';
import { writeContext } from '../../services/admin/audit.ts';
import { setSurveyWindow } from '../../services/admin/survey-waves.ts';

export const setWindowRoute = createRoute({
  method: 'put',
  operationId: 'setSurveyWindow',
  path: '/api/v1/admin/surveys/{id}/window',
  tags: ['Admin'],
  summary: 'Open or close a survey (admin)',
  description:
    "Sets the window of the survey's wave in question (the one open now, else the next, else the last): `closes_at` now closes it, null leaves it open; `opens_at` null keeps its opening. A wave keeps its responses, so it cannot be moved to leave one outside. The audit log records the wave before and after (entity `wave`), in the same transaction as the change. `PATCH /api/v1/admin/surveys/{id}/waves/{wave}` does the same for any wave.",
  security: [{ bearer: [] }],
  request: { params: SurveyIdParams, body: { required: true, content: { 'application/json': { schema: WindowUpdateSchema } } } },
  responses: {
    200: { description: 'The survey with its new window.', content: { 'application/json': { schema: SurveySummarySchema } } },
    ...problemResponses(400, 401, 403, 404, 503),
  },
});

export const setWindowHandler: RouteHandler<typeof setWindowRoute, AppEnv> = async (c) => {
  return c.json(await setSurveyWindow(c.var.db, writeContext(c.var.actor), c.req.valid('param').id, c.req.valid('json')), 200);
};
