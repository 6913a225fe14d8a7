import type { Context, MiddlewareHandler } from 'hono';
import { config } from '../../config.ts';
import { getVersions, type Versions } from '../../db/queries/meta.ts';
import type { AppEnv } from '../../env.ts';
import { hashHex } from '../../lib/hash.ts';
import { noteVersions } from '../freshness/version-copy.ts';
import { cacheKey, getCached, keepCopy } from '../response-cache.ts';
import { useSession } from './database.ts';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=300';

/** Whether an If-None-Match list names `etag` (weak comparison, RFC 9110 8.8.3.2). */
export function matches(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Last-Modified for data that changed at `iso`: the end of that second, and
 * only once that second is over. HTTP dates have no fractions, so a change
 * later in the same second would otherwise carry the same date, and a client
 * revalidating with If-Modified-Since would be told, wrongly, that nothing changed.
 */
function lastModifiedOf(iso: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const end = Math.floor(ms / 1000) * 1000 + 1000;
  return Date.now() >= end ? new Date(end).toUTCString() : null;
}

/** If-Modified-Since per RFC 9110: not modified when our Last-Modified is not after it. */
function notModifiedSince(lastModified: string, since: string): boolean {
  const b = Date.parse(since);
  return !Number.isNaN(b) && Date.parse(lastModified) <= b;
}

/**
 * What the versions do not describe. Survey definitions say whether a survey is open now, which changes with the
 * clock, not with a write; a suggestion's status is private to its receipt and changes with a decision, which is no
 * write of the lists: validators derived from the versions would answer 304 for them wrongly (and publicly).
 */
const UNVERSIONED = /^\/api\/v1\/(admin|surveys|suggestions)(\/|$)/;
const RESULTS = /\/satisfaction$/;

/** The version a read at `path` is made of: the data's, and for results the results' too. */
function versionOf(versions: Versions, path: string): string | undefined {
  return RESULTS.test(path) ? `${versions.data_version}.${versions.results_version ?? 0}` : versions.data_version;
}

/** A response its handler marked as one principal's, or as not to be kept: never shared, never made public. */
const PRIVATE = /\b(private|no-store)\b/i;

/**
 * The versions a read is answered at: the isolate's, set by freshness.ts, or for a
 * request that sends its bookmark (a writer reading its own writes) and for any
 * read with the copy turned off (FRESHNESS_SECONDS=0), read in its own session as
 * before. With the copy on, a bookmark's read that finds older versions than the
 * isolate has answered at is answered at those, from their bookmark, so the
 * isolate never goes back to an older one.
 */
async function versionsFor(c: Context<AppEnv>): Promise<Versions> {
  if (c.var.versions) return c.var.versions;
  const versions = await getVersions(c.var.db);
  // Off (0): no copy at all, every read answered at what its own session found, as before the copy existed.
  if (config(c.env).freshnessMs === 0) return versions;
  const newer = noteVersions(versions, c.var.session.getBookmark());
  if (!newer?.bookmark) return versions;
  useSession(c, newer.bookmark, 'first-unconstrained');
  return newer.versions;
}

/**
 * ETags for public reads, derived from the versions of what the response is
 * made of and from the request, so a revalidation costs no D1 read once the
 * isolate keeps the response and never returns data older than the promise allows
 * (README, "Freshness"): every write of lists changes
 * the data version, every survey submission the results version. Data reads
 * also carry Last-Modified: when the data version last changed. The same
 * versions key an in-isolate copy of JSON responses and of exports (CSV, NDJSON;
 * http/response-cache.ts).
 *
 * The copy is shared by every client of the isolate, so only anonymous public
 * reads go into it: the path is the canonical one the router matched (see
 * canonical-path.ts), never an admin path, never a request with credentials,
 * never a response marked private.
 */
export function conditionalGet(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || UNVERSIONED.test(path)) return next();
    const url = new URL(c.req.url);
    const versions = await versionsFor(c);
    const version = versionOf(versions, path);
    // The origin is part of what a response is made of: on localhost, the feed, the data package and the catalogue
    // link to the request's own origin (http/link-origin.ts), and those bytes must never be another host's copy or validator.
    const etag = `"${version ?? 'empty'}-${hashHex(`${url.origin}${path}?${url.search}|${c.req.header('Accept') ?? ''}`, 8)}"`;
    // Results change with every submission, whose time is not kept: they get no Last-Modified.
    const lastModified = !RESULTS.test(path) && versions.data_changed_at ? lastModifiedOf(versions.data_changed_at) : null;
    const ifNoneMatch = c.req.header('If-None-Match');
    const ifModifiedSince = c.req.header('If-Modified-Since');
    // `If-None-Match: *` holds only if the resource exists (RFC 9110 13.1.2), which only the handler knows.
    const wildcard = ifNoneMatch?.trim() === '*';
    const fresh = ifNoneMatch
      ? !wildcard && matches(ifNoneMatch, etag)
      : Boolean(lastModified && ifModifiedSince && notModifiedSince(lastModified, ifModifiedSince));
    const validators = {
      ETag: etag,
      'Cache-Control': PUBLIC_CACHE_CONTROL,
      Vary: 'Accept',
      ...(lastModified ? { 'Last-Modified': lastModified } : {}),
    };
    // The same read at the same version is the same bytes: serve them from the isolate without asking D1 again,
    // unless the client asks for the response to be made afresh (`Cache-Control: no-cache`; the benchmark does).
    // Such a read is built from D1 as before, in a session that starts at the versions' bookmark, so it is at least
    // as new as before; it no longer spends a D1 query on the versions (they come from the isolate's copy, which
    // meets the same promise), so it costs one D1 call fewer than it did.
    const key = version ? cacheKey(version, `${url.origin}${path}`, url.search, c.req.header('Accept') ?? '') : null;
    const hit = key && !/\bno-cache\b/i.test(c.req.header('Cache-Control') ?? '') ? getCached(key) : undefined;
    if (hit) {
      // A kept copy is a 200: the resource exists, so its validators may be answered without the handler.
      if (wildcard || fresh) return c.body(null, 304, validators);
      const headers = new Headers(hit.headers);
      for (const [name, value] of Object.entries(validators)) headers.set(name, value);
      return new Response(c.req.method === 'HEAD' ? null : hit.body, { status: 200, headers });
    }
    // Without a copy, only the handler knows whether the answer is a 200: a validator, even one that matches (an ETag
    // is computable, If-Modified-Since any late date), is answered 304 only then (RFC 9110 13.2.1), never for a path
    // or query that is a 404 or 400.
    await next();
    if (c.res.status !== 200 || PRIVATE.test(c.res.headers.get('Cache-Control') ?? '')) return;
    // An export ends long after this (at the client's pace): it is kept only if its session still reads this version.
    const unchanged = async () => versionOf(await getVersions(c.var.db), path) === version;
    if (key && c.req.method === 'GET' && !c.req.header('Authorization')) c.res = await keepCopy(key, c.res, unchanged);
    if (wildcard || fresh) {
      // An export's stream is not read: let it go (nothing partial is kept), and with it its D1 reads.
      await c.res.body?.cancel();
      c.res = new Response(null, { status: 304, headers: validators });
      return;
    }
    c.res.headers.set('ETag', etag);
    if (lastModified) c.res.headers.set('Last-Modified', lastModified);
    c.res.headers.set('Cache-Control', PUBLIC_CACHE_CONTROL);
    c.res.headers.append('Vary', 'Accept');
  };
}
