import type { MiddlewareHandler } from 'hono';
import { actorOf, type Role } from '../../auth.ts';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../errors.ts';

/**
 * Admin routes deny by default: 401 without a bearer token, 403 with one that
 * ADMIN_TOKENS does not know, and never a cacheable or cross-origin response.
 * The token's name becomes the request's actor, the author in the audit log.
 */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      throw new AppError('unauthorized', 'The admin API needs an Authorization: Bearer <token> header.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="admin"' },
      });
    }
    const actor = await actorOf(token, config(c.env).adminTokens);
    if (!actor) throw new AppError('forbidden', 'This token is not allowed to use the admin API.');
    c.set('actor', actor);
    await next();
    c.res.headers.set('Cache-Control', 'private, no-store');
  };
}

/** 403 unless the authenticated token has `role`. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.actor?.roles.includes(role))
      throw new AppError('forbidden', `This token does not have the "${role}" role this operation needs.`);
    await next();
  };
}
