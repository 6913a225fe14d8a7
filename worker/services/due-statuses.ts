import type { Db } from '../db/client.ts';
import { runBatch } from '../db/queries/batch.ts';
import { dueStatusStatements } from '../db/queries/list-rollups.ts';

/**
 * Brings every town's current status up to `today` (a Beijing date): a status
 * recorded in advance takes effect on its day without any write by staff. One
 * batch, safe to repeat (a second run on the same day finds nothing due).
 */
export async function applyDueStatuses(db: Db, today: string): Promise<void> {
  await runBatch(db, dueStatusStatements(today));
}
