import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import type { AppEnv } from './env.ts';
import { config } from './config.ts';
import { handleError } from './http/errors.ts';
import { allowedMethods } from './http/method-not-allowed.ts';
import { conditionalGet } from './http/middleware/conditional-get.ts';
import { database } from './http/middleware/database.ts';
import { jsonCharset } from './http/middleware/json-charset.ts';
import { methodGate } from './http/middleware/method-gate.ts';
import { requestId } from './http/middleware/request-id.ts';
import { securityHeaders } from './http/middleware/security-headers.ts';
import { problemResponse, PROBLEMS } from './http/problem.ts';
import { AppError } from './errors.ts';
import { notFoundPage, registerSite } from '../web/routes.tsx';
import { validationHook } from './http/validation.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { registerListRoutes } from './routes/lists/index.ts';
import { registerOpenDataRoutes } from './routes/open-data/index.ts';
import { registerAdminRoutes } from './routes/admin/index.ts';
import { registerChangeRoutes } from './routes/changes/index.ts';
import { registerFigureRoutes } from './routes/reported-figures.ts';
import { registerSatisfactionRoutes } from './routes/satisfaction/index.ts';
import { registerSurveyRoutes } from './routes/surveys/index.ts';
import { registerSuggestionRoutes } from './routes/suggestions/index.ts';
import { registerSourceRoutes } from './routes/sources.ts';
import { registerStatsRoutes } from './routes/stats.ts';
import { DOCS_CSS, renderDocs, samplesOrigin } from './routes/system/docs.ts';
import { tryRedirect } from './routes/system/docs/try-redirect.ts';
import { healthHandler, healthRoute, liveHandler, liveRoute } from './routes/system/health.ts';
import { registerTownRoutes } from './routes/towns/index.ts';

/** Paths read by programs, answered with problem+json (never an HTML page) when something is wrong: the API and the bulk downloads. */
const MACHINE_PATHS = /^\/(api|downloads)(\/|$)/;

/**
 * The worker's application: the JSON API, its documentation and the web site. Order matters: security headers wrap everything,
 * CORS answers preflights before anything else, conditional GET can answer
 * 304 before a handler runs.
 */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never, strict: true });

  // Before anything that can answer or log: every response and log line of the request carries its id.
  app.use('*', requestId());
  app.use('*', securityHeaders());
  // Static assets (web/public) are served before the worker runs: web/public/_headers gives them the same headers.
  app.use('*', jsonCharset());
  // Public reads are open to every origin, without credentials; writes and the admin API get no CORS at all.
  const publicCors = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link', 'Content-Disposition', 'X-Request-Id'], maxAge: 86400 });
  app.use('/api/v1/*', async (c, next) => {
    const readOrPreflight = c.req.method === 'GET' || c.req.method === 'HEAD' || (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') === 'GET');
    if (!readOrPreflight || /^\/api\/v1\/admin(\/|$)/.test(c.req.path)) return next();
    return publicCors(c, next);
  });
  // A bare OPTIONS, and a method an admin path does not have, are answered from the route table before authentication.
  app.use('*', methodGate(() => app.routes));
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
  app.openapi(healthRoute, healthHandler);
  app.openapi(liveRoute, liveHandler);
  // Registered after the rest, so that the OpenAPI document (paths and components) grows at its end.
  registerSuggestionRoutes(app);

  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(buildOpenApiDocument(app));
  });
  app.get('/docs', (c) => {
    const { origin, fromRequest } = samplesOrigin(c.req.url, config(c.env).publicOrigin);
    // Samples that name the request's own (local) host must not be kept by a shared cache.
    c.header('Cache-Control', fromRequest ? 'private, max-age=300' : 'public, max-age=300');
    return c.html(renderDocs(buildOpenApiDocument(app) as unknown as Record<string, unknown>, origin));
  });
  app.get('/docs/try', (c) => tryRedirect(buildOpenApiDocument(app) as unknown as Record<string, unknown>, new URL(c.req.url)));
  app.get('/docs.css', (c) => c.body(DOCS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  registerSite(app);

  app.notFound((c) => {
    // The canonical path the router matched (see http/canonical-path.ts), decoded.
    const path = c.req.path;
    const allow = allowedMethods(app.routes, path);
    if (allow.length) {
      return problemResponse('method-not-allowed', `${c.req.method} is not allowed on ${path}. Allowed: ${allow.join(', ')}.`, {
        instance: path,
        headers: { Allow: allow.join(', ') },
      });
    }
    if (!MACHINE_PATHS.test(path)) return notFoundPage(c);
    return problemResponse('not-found', `There is nothing at ${path}. The API reference is at /docs.`, { instance: path });
  });
  app.onError((err, c) => {
    // A page of the site asked for something that does not exist: a page, not problem+json.
    const page = !MACHINE_PATHS.test(c.req.path) && c.req.method === 'GET';
    if (page && err instanceof AppError && PROBLEMS[err.code].status === 404) return notFoundPage(c);
    return handleError(err, c);
  });
  return app;
}
