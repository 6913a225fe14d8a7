import type { Context, MiddlewareHandler } from 'hono';
import { createDb } from '../../db/client.ts';
import type { AppEnv } from '../../env.ts';
import { noteWrite } from '../freshness/version-copy.ts';
import { freshStart } from './freshness.ts';

const BOOKMARK_HEADER = 'x-d1-bookmark';

/** D1 bookmarks are opaque, short and printable; anything else is ignored rather than passed to D1. */
const BOOKMARK = /^[A-Za-z0-9+/=_-]{1,256}$/;

/** Whether the request is a public read: these start unconstrained (a nearby replica) and may use the isolate's versions. */
function isPublicRead(c: Context<AppEnv>): boolean {
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && !c.req.path.startsWith('/api/v1/admin/');
}

/** The request's own, well-formed `x-d1-bookmark`, if it sent one. */
function requestBookmark(c: Context<AppEnv>): string | undefined {
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

/**
 * One D1 session per request, so reads can be served by a nearby replica.
 * Reads start unconstrained; writes go to the primary. A client that sends
 * back the `x-d1-bookmark` it received reads at least its own writes.
 * A public read without a bookmark starts at the bookmark of the isolate's
 * versions (freshness.ts), so its data is at least that new: its session and
 * drizzle client are opened once, where it starts.
 */
export function database(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Staff read what they have just written: the admin API always starts at the primary.
    const read = isPublicRead(c);
    const fallback = read ? 'first-unconstrained' : 'first-primary';
    const bookmark = requestBookmark(c);
    const start = bookmark ?? (read ? await freshStart(c) : undefined) ?? fallback;
    useSession(c, start, fallback);
    await next();
    const session = c.var.session;
    // Any request that may have written (a client error is refused before anything is written) makes this isolate's
    // copy of the versions unusable at once: the next public read refreshes it on its path, from the primary.
    const mayHaveWritten =
      c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS' && !(c.res.status >= 400 && c.res.status < 500);
    if (mayHaveWritten) noteWrite();
    const latest = session.getBookmark();
    if (latest) c.res.headers.set(BOOKMARK_HEADER, latest);
  };
}
