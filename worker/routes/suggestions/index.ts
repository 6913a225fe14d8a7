import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.ts';
import { submissionBodyLimit } from '../../http/survey-context.ts';
import { acceptSuggestionHandler, acceptSuggestionRoute } from '../admin/suggestions/accept.ts';
import { declineSuggestionHandler, declineSuggestionRoute } from '../admin/suggestions/decline.ts';
import { getAdminSuggestionHandler, getAdminSuggestionRoute } from '../admin/suggestions/get.ts';
import { listSuggestionsHandler, listSuggestionsRoute } from '../admin/suggestions/list.ts';
import { getSuggestionHandler, getSuggestionRoute } from './get.ts';
import { submitSuggestionHandler, submitSuggestionRoute } from './submit.ts';

/**
 * The public's side and staff's side of the suggestions. Staff's routes are under /api/v1/admin/, so the
 * token and the `editor` role (routes/admin/index.ts) are asked before them, as before every admin route.
 */
export function registerSuggestionRoutes(app: OpenAPIHono<AppEnv>): void {
  // The questionnaires' limit: a suggestion is a few lines.
  app.post('/api/v1/suggestions', submissionBodyLimit('A suggestion'));
  app.openapi(submitSuggestionRoute, submitSuggestionHandler);
  app.openapi(getSuggestionRoute, getSuggestionHandler);
  app.openapi(listSuggestionsRoute, listSuggestionsHandler);
  app.openapi(getAdminSuggestionRoute, getAdminSuggestionHandler);
  app.openapi(acceptSuggestionRoute, acceptSuggestionHandler);
  app.openapi(declineSuggestionRoute, declineSuggestionHandler);
}
