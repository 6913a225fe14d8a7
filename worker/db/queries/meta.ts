import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { meta } from '../schema.ts';

/** The version of the loaded data; every write that changes public data changes it. */
export async function getDataVersion(db: Db): Promise<string | null> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'data_version')).get();
  return row?.value ?? null;
}
