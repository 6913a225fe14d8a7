import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { submissionBodyLimit } from '../../http/survey-context.ts';
import { getSuggestionHandler, getSuggestionRoute } from './get.ts';
import { submitSuggestionHandler, submitSuggestionRoute } from './submit.ts';

export function registerSuggestionRoutes(app: OpenAPIHono<AppEnv>): void {
  // The questionnaires' limit: a suggestion is a few lines.
  app.post('/api/v1/suggestions', submissionBodyLimit('A suggestion'));
  app.openapi(submitSuggestionRoute, submitSuggestionHandler);
  app.openapi(getSuggestionRoute, getSuggestionHandler);
}
