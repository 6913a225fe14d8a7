import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { submissionBodyLimit } from '../../http/survey-context.ts';
import { getSurveyHandler, getSurveyRoute } from './get.ts';
import { listSurveysHandler, listSurveysRoute } from './list.ts';
import { submitHandler, submitRoute } from './submit.ts';
import { listWavesHandler, listWavesRoute } from './waves.ts';

export function registerSurveyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.use('/api/v1/surveys/:id/responses', submissionBodyLimit('A submission'));
  app.openapi(listSurveysRoute, listSurveysHandler);
  app.openapi(getSurveyRoute, getSurveyHandler);
  app.openapi(listWavesRoute, listWavesHandler);
  app.openapi(submitRoute, submitHandler);
}
