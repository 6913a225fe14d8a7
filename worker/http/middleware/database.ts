import type { Context, MiddlewareHandler } from 'hono';
import { createDb } from '../../db/client.ts';
import { getVersions } from '../../db/queries/meta.ts';
import type { AppEnv } from '../../env.ts';
import { noteWrite, type VersionReader } from '../freshness/version-copy.ts';

const BOOKMARK_HEADER = 'x-d1-bookmark';

/** D1 bookmarks are opaque, short and printable; anything else is ignored rather than passed to D1. */
const BOOKMARK = /^[A-Za-z0-9+/=_-]{1,256}$/;

/** Whether the request is a public read: these start unconstrained (a nearby replica) and may use the isolate's versions. */
export function isPublicRead(c: Context<AppEnv>): boolean {
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && !c.req.path.startsWith('/api/v1/admin/');
}

/** The request's own, well-formed `x-d1-bookmark`, if it sent one. */
export function requestBookmark(c: Context<AppEnv>): string | undefined {
  const bookmark = c.req.header(BOOKMARK_HEADER);
  return bookmark && BOOKMARK.test(bookmark) ? bookmark : undefined;
}

/** Points the request's drizzle client at a new D1 session from `start`; the response echoes that session's bookmark. */
export function useSession(c: Context<AppEnv>, start: string, fallback: 'first-unconstrained' | 'first-primary'): D1DatabaseSession {
  let session: D1DatabaseSession;
  try {
    session = c.env.DB.withSession(start);
  } catch {
    session = c.env.DB.withSession(fallback);
  }
  c.set('session', session);
  // drizzle's D1 driver only calls prepare() and batch(), which a session has too.
  c.set('db', createDb(session as unknown as D1Database));
  return session;
}

/** Reads the versions in `session`, with the bookmark it ends at. */
export function versionReader(session: D1DatabaseSession): VersionReader {
  return async () => ({ versions: await getVersions(createDb(session as unknown as D1Database)), bookmark: session.getBookmark() });
}

/** waitUntil when the platform gave a context (tests may call the worker without one); else the promise just runs. */
export function inBackground(c: Context<AppEnv>): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      // No ExecutionContext: nothing to extend, the promise runs on its own.
    }
  };
}

/**
 * One D1 session per request, so reads can be served by a nearby replica.
 * Reads start unconstrained; writes go to the primary. A client that sends
 * back the `x-d1-bookmark` it received reads at least its own writes.
 * A public read without a bookmark may be moved to the bookmark of the
 * isolate's versions (freshness.ts), so its data is at least that new.
 */
export function database(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Staff read what they have just written: the admin API always starts at the primary.
    const read = isPublicRead(c);
    const fallback = read ? 'first-unconstrained' : 'first-primary';
    useSession(c, requestBookmark(c) ?? fallback, fallback);
    await next();
    const session = c.var.session;
    // Any request that may have written (a client error is refused before anything is written) makes this isolate's
    // copy of the versions unusable at once: the next public read refreshes it on its path, from the primary.
    const mayHaveWritten = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS' && !(c.res.status >= 400 && c.res.status < 500);
    if (mayHaveWritten) noteWrite();
    const latest = session.getBookmark();
    if (latest) c.res.headers.set(BOOKMARK_HEADER, latest);
  };
}
