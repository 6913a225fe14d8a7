import { OpenAPIHono } from '@hono/zod-openapi';
import { notFoundPage, registerSite } from '../web/routes.tsx';
import type { AppEnv } from './env.ts';
import { notFound, onError } from './http/fallbacks.ts';
import { conditionalGet } from './http/middleware/conditional-get.ts';
import { database } from './http/middleware/database.ts';
import { jsonCharset } from './http/middleware/json-charset.ts';
import { methodGate } from './http/middleware/method-gate.ts';
import { publicCors } from './http/middleware/public-cors.ts';
import { requestId } from './http/middleware/request-id.ts';
import { securityHeaders } from './http/middleware/security-headers.ts';
import { validationHook } from './http/validation.ts';
import { registerAdminRoutes } from './routes/admin/index.ts';
import { registerChangeRoutes } from './routes/changes/index.ts';
import { registerListRoutes } from './routes/lists/index.ts';
import { registerOpenDataRoutes } from './routes/open-data/index.ts';
import { registerFigureRoutes } from './routes/reported-figures/index.ts';
import { registerSatisfactionRoutes } from './routes/satisfaction/index.ts';
import { registerSourceRoutes } from './routes/sources/index.ts';
import { registerStatsRoutes } from './routes/stats/index.ts';
import { registerSuggestionRoutes } from './routes/suggestions/index.ts';
import { registerSurveyRoutes } from './routes/surveys/index.ts';
import { registerDocsRoutes, registerHealthRoutes } from './routes/system/index.ts';
import { registerTownRoutes } from './routes/towns/index.ts';

/**
 * The worker's application: the JSON API, its documentation and the web site. This file only wires: the middleware,
 * whose order matters (security headers wrap everything, CORS answers preflights before anything else, conditional
 * GET can answer 304 before a handler runs), then the routes, whose order is the order of the OpenAPI document.
 */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never, strict: true });

  // Before anything that can answer or log: every response and log line of the request carries its id.
  app.use('*', requestId());
  app.use('*', securityHeaders());
  // Static assets (web/public) are served before the worker runs: web/public/_headers gives them the same headers.
  app.use('*', jsonCharset());
  app.use('/api/v1/*', publicCors());
  // A bare OPTIONS, and a method an admin path does not have, are answered from the route table before authentication.
  app.use(
    '*',
    methodGate(() => app.routes),
  );
  // One D1 session per request; public reads use the isolate's versions, and a session at least as new (README, "Freshness").
  app.use('*', database());
  app.use('/api/v1/*', conditionalGet());
  app.use('/feeds/*', conditionalGet());

  registerListRoutes(app);
  registerTownRoutes(app);
  registerStatsRoutes(app);
  registerSourceRoutes(app);
  registerFigureRoutes(app);
  registerSurveyRoutes(app);
  registerSatisfactionRoutes(app);
  registerChangeRoutes(app);
  registerAdminRoutes(app);
  registerOpenDataRoutes(app);
  registerHealthRoutes(app);
  // Registered after the rest, so that the OpenAPI document (paths and components) grows at its end.
  registerSuggestionRoutes(app);
  // The document is built on its first request, from every route above.
  registerDocsRoutes(app);
  registerSite(app);

  // What no route answers, and what a handler throws: problem+json for programs, a page for people.
  app.notFound(notFound(() => app.routes, notFoundPage));
  app.onError(onError(notFoundPage));
  return app;
}
