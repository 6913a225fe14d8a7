import type { Context } from 'hono';
import { config } from '../../config.ts';
import { createDb } from '../../db/client.ts';
import { getVersions } from '../../db/queries/meta.ts';
import type { AppEnv } from '../../env.ts';
import { currentVersions, type VersionReader } from '../freshness/version-copy.ts';

/**
 * The freshness promise for every public read, pages of the site included (README, "Freshness"): a read without
 * a bookmark gets the isolate's copy of the versions (freshness/version-copy.ts: younger than FRESHNESS_SECONDS,
 * no D1 call once warm), and its D1 session starts at the copy's bookmark, so whichever replica serves it is at
 * least as new as those versions, which are at least as new as every write completed N seconds ago. Left alone:
 * a request with its own bookmark (it reads its own writes in its own session), writes and the admin API (the
 * primary), and every request when FRESHNESS_SECONDS is 0.
 *
 * Called by database() for a public read without a bookmark, before it opens the request's one session: the
 * bookmark that session starts at, if the copy has one, and the versions the read is answered at.
 */
export async function freshStart(c: Context<AppEnv>): Promise<string | undefined> {
  const n = config(c.env).freshnessMs;
  if (n === 0) return undefined;
  // A refresh reads the versions on the primary, in a session of its own, so the copy reflects every completed write.
  const copy = await currentVersions(n, () => versionReader(c.env.DB.withSession('first-primary'))(), inBackground(c));
  c.set('versions', copy.versions);
  return copy.bookmark ?? undefined;
}

/** Reads the versions in `session`, with the bookmark it ends at. */
function versionReader(session: D1DatabaseSession): VersionReader {
  return async () => ({ versions: await getVersions(createDb(session as unknown as D1Database)), bookmark: session.getBookmark() });
}

/** waitUntil when the platform gave a context (tests may call the worker without one); else the promise just runs. */
function inBackground(c: Context<AppEnv>): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      // No ExecutionContext: nothing to extend, the promise runs on its own.
    }
  };
}
