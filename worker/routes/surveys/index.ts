import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../errors.ts';
import { SUBMISSION_MAX_BYTES } from '../../http/survey-context.ts';
import { getSurveyHandler, getSurveyRoute } from './get.ts';
import { listSurveysHandler, listSurveysRoute } from './list.ts';
import { submitHandler, submitRoute } from './submit.ts';
import { listWavesHandler, listWavesRoute } from './waves.ts';

export function registerSurveyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.use(
    '/api/v1/surveys/:id/responses',
    bodyLimit({
      maxSize: SUBMISSION_MAX_BYTES,
      onError: () => {
        throw new AppError('payload-too-large', 'A submission may not exceed 64 KB.');
      },
    }),
  );
  app.openapi(listSurveysRoute, listSurveysHandler);
  app.openapi(getSurveyRoute, getSurveyHandler);
  app.openapi(listWavesRoute, listWavesHandler);
  app.openapi(submitRoute, submitHandler);
}
