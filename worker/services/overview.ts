import type { Db } from '../db/client.ts';
import { selectEventsByYear, selectTotalResponses } from '../db/queries/overview.ts';
import type { Status } from '../lib/statuses.ts';

export const totalResponses = (db: Db): Promise<number> => selectTotalResponses(db);

/**
 * Statuses counted as a town entering a list in a year. Narrower than the statuses that can put a town on a list
 * (services/admin/plan-events.ts), which also take `proposed`: a public notice (公示) is not yet a listing.
 */
const LISTED_STATUSES: ReadonlySet<string> = new Set(['approved', 'pilot', 'named', 'typical'] satisfies Status[]);

/** Per year: towns that entered a list and towns eliminated, from dated events only. */
export async function listingsByYear(db: Db): Promise<{ year: string; listed: number; eliminated: number }[]> {
  const years = new Map<string, { year: string; listed: number; eliminated: number }>();
  for (const row of await selectEventsByYear(db)) {
    const entry = years.get(row.year) ?? { year: row.year, listed: 0, eliminated: 0 };
    if (LISTED_STATUSES.has(row.status)) entry.listed += row.n;
    if (row.status === 'eliminated') entry.eliminated += row.n;
    years.set(row.year, entry);
  }
  return [...years.values()];
}
