import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { meta } from '../schema.ts';

/** The version of the data: the seq of the latest change, kept by triggers on every public table (migration 0002). */
export async function getDataVersion(db: Db): Promise<string | null> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'data_version')).get();
  return row?.value ?? null;
}

/** The data version with when it last changed, and the results version (changed by every survey submission), in one read. */
export async function getVersions(db: Db): Promise<{ data_version?: string; data_changed_at?: string; results_version?: string }> {
  // Every public read runs this first, so it is a plain prepared statement: no query building.
  const { results: rows } = await db.$client
    .prepare("SELECT key, value, updated_at AS at FROM meta WHERE key IN ('data_version', 'results_version')")
    .all<{ key: string; value: string; at: string }>();
  const versions: { data_version?: string; data_changed_at?: string; results_version?: string } = {};
  for (const r of rows) {
    if (r.key === 'data_version') (versions.data_version = r.value), (versions.data_changed_at = r.at);
    else versions.results_version = r.value;
  }
  return versions;
}

/** When public data last changed (ISO instant), for Last-Modified; null before the first change. */
export async function getDataChangedAt(db: Db): Promise<string | null> {
  const row = await db.select({ at: meta.updatedAt }).from(meta).where(eq(meta.key, 'data_version')).get();
  return row?.at ?? null;
}
