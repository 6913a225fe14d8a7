import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { meta } from '../schema.ts';

/** The version of the data: the seq of the latest change, kept by triggers on every public table (migration 0002). */
export async function getDataVersion(db: Db): Promise<string | null> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'data_version')).get();
  return row?.value ?? null;
}

/** The data version with when it last changed, and the results version (changed by every survey submission) with when it did. */
export interface Versions {
  data_version?: string;
  data_changed_at?: string;
  results_version?: string;
  /** The results version is a response id, in no order: when it changed orders it (http/freshness/version-copy.ts). */
  results_changed_at?: string;
}

/** The versions, in one read. */
export async function getVersions(db: Db): Promise<Versions> {
  // Every refresh of the isolate's copy runs this, so it is a plain prepared statement: no query building.
  const { results: rows } = await db.$client
    .prepare("SELECT key, value, updated_at AS at FROM meta WHERE key IN ('data_version', 'results_version')")
    .all<{ key: string; value: string; at: string }>();
  const versions: Versions = {};
  for (const r of rows) {
    if (r.key === 'data_version') {
      versions.data_version = r.value;
      versions.data_changed_at = r.at;
    } else {
      versions.results_version = r.value;
      versions.results_changed_at = r.at;
    }
  }
  return versions;
}
