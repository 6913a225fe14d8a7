import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { responses } from '../../db/survey-schema.ts';

/** Whether a receipt exists, and for which town: enough for a confirmation page, nothing of the answers. */
export async function findReceipt(db: Db, id: string): Promise<{ id: string; townId: string } | null> {
  const row = await db.select({ id: responses.id, townId: responses.townId }).from(responses).where(eq(responses.id, id)).get();
  return row ?? null;
}
