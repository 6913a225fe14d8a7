import type { MiddlewareHandler } from 'hono';
import { createDb } from '../../db/client.ts';
import type { AppEnv } from '../../env.ts';

const BOOKMARK_HEADER = 'x-d1-bookmark';

/** D1 bookmarks are opaque, short and printable; anything else is ignored rather than passed to D1. */
const BOOKMARK = /^[A-Za-z0-9+/=_-]{1,256}$/;

/**
 * One D1 session per request, so reads can be served by a nearby replica.
 * Reads start unconstrained; writes go to the primary. A client that sends
 * back the `x-d1-bookmark` it received reads at least its own writes.
 */
export function database(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Staff read what they have just written: the admin API always starts at the primary.
    const read = (c.req.method === 'GET' || c.req.method === 'HEAD') && !c.req.path.startsWith('/api/v1/admin/');
    const bookmark = c.req.header(BOOKMARK_HEADER);
    const start = bookmark && BOOKMARK.test(bookmark) ? bookmark : read ? 'first-unconstrained' : 'first-primary';
    let session: D1DatabaseSession;
    try {
      session = c.env.DB.withSession(start);
    } catch {
      session = c.env.DB.withSession(read ? 'first-unconstrained' : 'first-primary');
    }
    // drizzle's D1 driver only calls prepare() and batch(), which a session has too.
    c.set('db', createDb(session as unknown as D1Database));
    await next();
    const latest = session.getBookmark();
    if (latest) c.res.headers.set(BOOKMARK_HEADER, latest);
  };
}
