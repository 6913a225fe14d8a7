import { assignDivision, type DivisionAssignment, DivisionIndex, type DivisionTables, type ReviewedMatch } from './divisions.ts';
import { blank } from './text.ts';
import type { DatasetTown, Row } from './types.ts';
import { DataError } from './vocabulary.ts';

const REVIEWED = 'divisions/reviewed-matches.csv';

/**
 * data/divisions/reviewed-matches.csv: a code settled by a person, one row per
 * town (town_id, town, code, reason). The town's name is repeated so that a
 * row can never move to another town unnoticed; the code is a township's
 * (9 digits) or, for a town that is not one, its county's (6); an empty code
 * says that the town has no township code whatever its name matches.
 */
function reviewedMatches(rows: Row[], towns: DatasetTown[]): Map<string, ReviewedMatch> {
  const byId = new Map(towns.map((t) => [t.id, t]));
  const matches = new Map<string, ReviewedMatch>();
  rows.forEach((row, i) => {
    const where = `${REVIEWED} row ${i + 2}`;
    const townId = blank(row.town_id);
    const town = townId ? byId.get(townId) : undefined;
    if (!townId || !town) throw new DataError(`${where}: no town has the id "${row.town_id ?? ''}"`);
    if (blank(row.town) !== town.name) throw new DataError(`${where}: ${townId} is ${town.name}, not "${row.town ?? ''}"`);
    if (!blank(row.reason)) throw new DataError(`${where}: a reviewed match needs its reason`);
    if (matches.has(townId)) throw new DataError(`${where}: ${townId} is settled twice`);
    matches.set(townId, { townId, town: town.name, code: blank(row.code) ?? '', reason: row.reason!.trim() });
  });
  return matches;
}

/**
 * The division code of every town, and the city and county names it fills in
 * where the source left them empty. The same function serves the load and
 * the match report (scripts/division-report.ts), so the report always says
 * what was loaded.
 */
export function townDivisions(towns: DatasetTown[], tables: DivisionTables, reviewedRows: Row[]): Map<string, DivisionAssignment> {
  const index = new DivisionIndex(tables);
  const reviewed = reviewedMatches(reviewedRows, towns);
  const result = new Map<string, DivisionAssignment>();
  for (const town of towns) {
    try {
      result.set(town.id, assignDivision(index, town, reviewed.get(town.id)));
    } catch (e) {
      throw new DataError(`${REVIEWED}: ${(e as Error).message}`);
    }
  }
  return result;
}
