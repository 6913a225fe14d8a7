import type { MiddlewareHandler } from 'hono';
import { getVersions } from '../../db/queries/meta.ts';
import type { AppEnv } from '../../env.ts';
import { hashHex } from '../../lib/hash.ts';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=300';

function matches(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** Survey definitions say whether a survey is open now, which changes with the clock, not with a write. */
const UNVERSIONED = /^\/api\/v1\/(admin|surveys)(\/|$)/;
const RESULTS = /\/satisfaction$/;

/**
 * ETags for public reads, derived from the versions of what the response is
 * made of and from the request, so a revalidation costs one indexed read and
 * never returns data older than the last write: every write of lists changes
 * the data version, every survey submission the results version.
 */
export function conditionalGet(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || UNVERSIONED.test(url.pathname)) return next();
    const versions = await getVersions(c.var.db);
    const version = RESULTS.test(url.pathname) ? `${versions.data_version}.${versions.results_version ?? 0}` : versions.data_version;
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
