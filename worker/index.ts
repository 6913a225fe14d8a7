import { Hono } from 'hono';
import { createApp } from './app.ts';
import type { AppEnv } from './env.ts';
import { canonicalPath } from './http/canonical-path.ts';
import { requestId } from './http/middleware/request-id.ts';
import { securityHeaders } from './http/middleware/security-headers.ts';
import { problemResponse } from './http/problem.ts';
import { scheduled } from './scheduled.ts';

const app = createApp();

/** Paths with no safe meaning are refused here, before the app, with the same headers and request id as any other response. */
const refusal = new Hono<AppEnv>();
refusal.use('*', requestId());
refusal.use('*', securityHeaders());
refusal.all('*', (c) => {
  const canonical = canonicalPath(new URL(c.req.url).pathname);
  return problemResponse('invalid-path', canonical.ok ? 'The path is not valid.' : canonical.detail);
});

/**
 * Cloudflare Worker entry: the API, its documentation and the web site.
 * Every request is first given its one canonical path (http/canonical-path.ts),
 * so that the router, authentication, CORS and the response cache all see the
 * same path; a path with no safe meaning is refused before any of them runs.
 */
export default {
  fetch(request: Request, env: AppEnv['Bindings'], ctx?: ExecutionContext): Response | Promise<Response> {
    const url = new URL(request.url);
    const canonical = canonicalPath(url.pathname);
    if (!canonical.ok) return refusal.fetch(request, env, ctx);
    if (canonical.path !== url.pathname) {
      url.pathname = canonical.path;
      request = new Request(url, request);
    }
    return app.fetch(request, env, ctx);
  },
  // Cron Trigger: statuses recorded in advance take effect on their day (worker/scheduled.ts).
  scheduled,
} satisfies ExportedHandler<AppEnv['Bindings']>;
