import type { MiddlewareHandler } from 'hono';

/** Hono's c.json() says `application/json`; clients reading Chinese deserve the charset spelled out. */
export function jsonCharset(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.headers.get('Content-Type') === 'application/json') {
      c.res.headers.set('Content-Type', 'application/json; charset=utf-8');
    }
  };
}
