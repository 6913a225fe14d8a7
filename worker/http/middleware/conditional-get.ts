import type { MiddlewareHandler } from 'hono';
import { getDataVersion } from '../../db/queries/meta.ts';
import type { AppEnv } from '../../env.ts';
import { hashHex } from '../../lib/hash.ts';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=300';

function matches(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * ETags for public reads, derived from the data version and the request, so
 * a revalidation costs one indexed read and never returns data older than
 * the last write: every write changes the data version.
 */
export function conditionalGet(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const version = await getDataVersion(c.var.db);
    const url = new URL(c.req.url);
    const etag = `"${version ?? 'empty'}-${hashHex(`${url.pathname}?${url.search}|${c.req.header('Accept') ?? ''}`, 8)}"`;
    const ifNoneMatch = c.req.header('If-None-Match');
    if (ifNoneMatch && matches(ifNoneMatch, etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': PUBLIC_CACHE_CONTROL, Vary: 'Accept' });
    }
    await next();
    if (c.res.status === 200) {
      c.res.headers.set('ETag', etag);
      c.res.headers.set('Cache-Control', PUBLIC_CACHE_CONTROL);
      c.res.headers.append('Vary', 'Accept');
    }
  };
}
