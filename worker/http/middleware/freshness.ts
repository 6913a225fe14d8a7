import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env.ts';
import { config } from '../../config.ts';
import { currentVersions } from '../freshness/version-copy.ts';
import { inBackground, isPublicRead, requestBookmark, useSession, versionReader } from './database.ts';

/**
 * The freshness promise for every public read, pages of the site included (README, "Freshness"): a read without
 * a bookmark gets the isolate's copy of the versions (freshness/version-copy.ts: younger than FRESHNESS_SECONDS,
 * no D1 call once warm), and its D1 session moves to the copy's bookmark, so whichever replica serves it is at
 * least as new as those versions, which are at least as new as every write completed N seconds ago. Left alone:
 * a request with its own bookmark (it reads its own writes in its own session), writes and the admin API (the
 * primary), and every request when FRESHNESS_SECONDS is 0.
 */
export function freshness(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const n = isPublicRead(c) && !requestBookmark(c) ? config(c.env).freshnessMs : 0;
    if (n > 0) {
      // A refresh reads the versions on the primary, in a session of its own, so the copy reflects every completed write.
      const copy = await currentVersions(n, () => versionReader(c.env.DB.withSession('first-primary'))(), inBackground(c));
      if (copy.bookmark) useSession(c, copy.bookmark, 'first-unconstrained');
      c.set('versions', copy.versions);
    }
    await next();
  };
}
