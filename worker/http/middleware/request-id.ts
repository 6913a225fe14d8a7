import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { inScope } from '../../lib/request-scope.ts';

/**
 * Cloudflare's Ray ID: 16 hex digits, then the data centre (`8f2a5c0d9e1b3a47-LHR`). Cloudflare sets the
 * header itself in front of a deployed worker, but locally anyone can send one, so only this shape is used:
 * nothing else from a request becomes a header or a log line.
 */
const CF_RAY = /^[0-9a-f]{16}(?:-[A-Z0-9]{3,4})?$/i;

/**
 * The request's id: the `cf-ray` Cloudflare gave it (what operators search in the dashboard and Workers Logs),
 * or a random UUID where there is none (local runs, tests). A client's own `x-request-id` is ignored: an id
 * the client chose could collide with another request's, or name someone else's, and the log would then
 * tie one report to the wrong lines. The client learns the id from the response instead.
 */
export function requestIdOf(headers: Headers): string {
  const ray = headers.get('cf-ray');
  return ray && CF_RAY.test(ray) ? ray : crypto.randomUUID();
}

/**
 * First of all middleware: gives the request its id, on the context (`c.var.requestId`) and in the request
 * scope that the logger and problemResponse() read (lib/request-scope.ts), and answers it in `X-Request-Id`
 * on every response, the error handler's and notFound's included (both run inside `next`).
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = requestIdOf(c.req.raw.headers);
    c.set('requestId', id);
    await inScope({ id, method: c.req.method, path: c.req.path }, next);
    c.res.headers.set('X-Request-Id', id);
  };
}
