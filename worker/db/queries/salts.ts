import { eq, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { dailySalts } from '../survey-schema.ts';

/**
 * Makes `day`'s salt unless it exists (another request may have made it first) and deletes the salts of the days
 * before it, in one batch; then reads the day's salt, whoever made it.
 */
export async function saltOfDay(db: Db, day: string, fresh: string): Promise<string> {
  await db.batch([
    db.insert(dailySalts).values({ day, salt: fresh }).onConflictDoNothing(),
    db.delete(dailySalts).where(lt(dailySalts.day, day)),
  ]);
  const row = await db.select({ salt: dailySalts.salt }).from(dailySalts).where(eq(dailySalts.day, day)).get();
  return row!.salt;
}

/** Deletes the salts of the days before `day`. */
export async function deleteSaltsBefore(db: Db, day: string): Promise<void> {
  await db.delete(dailySalts).where(lt(dailySalts.day, day));
}
