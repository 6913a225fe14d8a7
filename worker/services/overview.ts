import type { Db } from '../db/client.ts';
import { selectEventsByYear, selectTotalResponses } from '../db/queries/overview.ts';

export const totalResponses = (db: Db): Promise<number> => selectTotalResponses(db);

/** Statuses that mean a town entered a list. */
const ENTRY = new Set(['approved', 'pilot', 'named', 'typical']);

/** Per year: towns that entered a list and towns eliminated, from dated events only. */
export async function listingsByYear(db: Db): Promise<{ year: string; listed: number; eliminated: number }[]> {
  const years = new Map<string, { year: string; listed: number; eliminated: number }>();
  for (const row of await selectEventsByYear(db)) {
    const entry = years.get(row.year) ?? { year: row.year, listed: 0, eliminated: 0 };
    if (ENTRY.has(row.status)) entry.listed += row.n;
    if (row.status === 'eliminated') entry.eliminated += row.n;
    years.set(row.year, entry);
  }
  return [...years.values()];
}
