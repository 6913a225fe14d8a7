import type { Db } from '../db/client.ts';
import { getDataVersion } from '../db/queries/meta.ts';

/** What /healthz reports. It reads the data version, so that an answer proves the database answers too. */
export async function checkHealth(db: Db): Promise<{ status: 'ok'; data_version: string | null }> {
  return { status: 'ok', data_version: await getDataVersion(db) };
}
