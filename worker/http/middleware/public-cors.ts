import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../env.ts';

const publicReads = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  exposeHeaders: ['ETag', 'Link', 'Content-Disposition', 'X-Request-Id'],
  maxAge: 86400,
});

/** Public reads are open to every origin, without credentials; writes and the admin API get no CORS at all. */
export function publicCors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const readOrPreflight =
      c.req.method === 'GET' ||
      c.req.method === 'HEAD' ||
      (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') === 'GET');
    if (!readOrPreflight || /^\/api\/v1\/admin(\/|$)/.test(c.req.path)) return next();
    return publicReads(c, next);
  };
}
