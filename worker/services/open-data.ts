import type { Db } from '../db/client.ts';
import { getVersions } from '../db/queries/meta.ts';
import { dataPackage } from '../open-data/package.ts';

/** The data package of the current data, its URLs starting at `origin` ('' for relative ones). */
export async function getDataPackage(db: Db, origin: string): Promise<Record<string, unknown>> {
  const versions = await getVersions(db);
  return dataPackage({ origin, dataVersion: versions.data_version ?? null, dataChangedAt: versions.data_changed_at ?? null });
}
