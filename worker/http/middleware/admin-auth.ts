import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../errors.ts';

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Compares digests byte by byte without stopping early, so timing reveals nothing of the token. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Admin routes deny by default: 401 without a bearer token, 403 with a wrong
 * one, and never a cacheable or cross-origin response.
 */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      throw new AppError('unauthorized', 'The admin API needs an Authorization: Bearer <token> header.', { headers: { 'WWW-Authenticate': 'Bearer realm="admin"' } });
    }
    const expected = c.env.ADMIN_TOKEN;
    if (!expected || !(await sameSecret(token, expected))) throw new AppError('forbidden', 'This token is not allowed to use the admin API.');
    await next();
    c.res.headers.set('Cache-Control', 'private, no-store');
  };
}
