import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { allowedMethods, type RouteEntry } from '../method-not-allowed.ts';
import { problemResponse } from '../problem.ts';

const ADMIN = /^\/api\/v1\/admin(\/|$)/;

/**
 * Answers what the route table alone can answer, before authentication:
 * a bare OPTIONS gets 204 with `Allow` on any path that has routes (CORS
 * preflights for public reads were already answered by the CORS middleware;
 * any other preflight gets no CORS headers, so a browser refuses it), and a
 * method an admin path does not have is 405 with `Allow`, not 401: the
 * method is wrong whoever asks. An admin path with no route at all still needs
 * a token first, so that 404 says nothing to strangers about what exists.
 */
export function methodGate(routes: () => RouteEntry[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    const admin = ADMIN.test(c.req.path);
    if (method !== 'OPTIONS' && !admin) return next();
    const allow = allowedMethods(routes(), c.req.path);
    if (!allow.length) return next();
    if (method === 'OPTIONS') return c.body(null, 204, { Allow: allow.join(', '), 'Cache-Control': 'no-store' });
    if (!allow.includes(method)) {
      return problemResponse('method-not-allowed', `${method} is not allowed on ${c.req.path}. Allowed: ${allow.join(', ')}.`, {
        instance: c.req.path,
        headers: { Allow: allow.join(', ') },
      });
    }
    return next();
  };
}
