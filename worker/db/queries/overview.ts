import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { ACTIVE_EVENT, inEffect } from './list-rollups.ts';

/** Responses collected in every wave (probable duplicates included: they are stored too), from the rollups. */
export async function selectTotalResponses(db: Db): Promise<number> {
  const row = await db.get<{ n: number | null }>(sql`SELECT SUM(n + duplicates) AS n FROM rollup_wave_responses`);
  return row?.n ?? 0;
}

/** Dated events per year and status: how many towns entered lists and were eliminated each year (so far: scheduled events wait for their day). */
export async function selectEventsByYear(db: Db) {
  return db.all<{ year: string; status: string; n: number }>(
    sql`SELECT substr(effective_date, 1, 4) AS year, status, COUNT(*) AS n FROM status_events e WHERE effective_date IS NOT NULL AND ${ACTIVE_EVENT} AND ${inEffect()} GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}
