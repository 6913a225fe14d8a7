import type { Db } from '../../db/client.ts';
import { selectReceipt } from '../../db/queries/submissions.ts';

/** Whether a receipt exists, and for which town: enough for a confirmation page, nothing of the answers. */
export async function findReceipt(db: Db, id: string): Promise<{ id: string; townId: string } | null> {
  return id ? selectReceipt(db, id) : null;
}
