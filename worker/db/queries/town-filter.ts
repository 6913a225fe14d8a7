import { and, type Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { divisionRange } from '../../lib/division-code.ts';
import { searchNeedle } from '../../lib/search-text.ts';
import { towns } from '../schema.ts';
import { ACTIVE_EVENT } from './list-rollups.ts';

/** Filters shared by the town list, the list's towns and the stats. */
export interface TownFilter {
  list?: string;
  status?: string;
  province?: string;
  city?: string;
  county?: string;
  level?: string;
  q?: string;
  asOf?: string;
  /** A province, city, county or township code: towns whose code starts with it. */
  divisionCode?: string;
}

/** A value a condition binds: the request's own, or the placeholder of a statement compiled once (db/compiled.ts). */
export type Bound = string | Placeholder;

/**
 * What a filter binds, each value as its conditions compare it: the needle `q` looks for (folded) and the range of
 * codes `division_code` stands for. Conditions are written over these, so that a statement can be compiled once
 * with placeholders in their place and bound to any filter of the same shape.
 */
export interface FilterBinds<V = Bound> {
  list?: V;
  status?: V;
  province?: V;
  city?: V;
  county?: V;
  level?: V;
  asOf?: V;
  needle?: V;
  divisionFrom?: V;
  divisionBelow?: V;
  /** Never the raw `q` or `division_code` of a TownFilter: conditions compare `needle` and the division range. */
  q?: never;
  divisionCode?: never;
}

/** An empty value filters nothing, as it never has (`?province=` is every province): it binds nothing either. */
export function filterBinds(f: TownFilter): FilterBinds<string> {
  const [divisionFrom, divisionBelow] = f.divisionCode ? divisionRange(f.divisionCode) : [];
  return {
    list: f.list || undefined,
    status: f.status || undefined,
    province: f.province || undefined,
    city: f.city || undefined,
    county: f.county || undefined,
    level: f.level || undefined,
    asOf: f.asOf || undefined,
    needle: f.q ? searchNeedle(f.q) : undefined,
    divisionFrom,
    divisionBelow,
  };
}

/**
 * The status of membership `m` on the as-of date (the latest event that had
 * surely taken effect by then and that no correction superseded), or its current status. Null when the town was
 * not yet on the list on that date.
 */
export function statusOf(asOf: Bound | undefined): SQL<string | null> {
  return asOf
    ? sql<
        string | null
      >`(SELECT e.status FROM status_events e WHERE e.membership_id = m.id AND e.effective_on <= ${asOf} AND ${ACTIVE_EVENT} ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)`
    : sql<string>`m.current_status`;
}

/** The date the status of `m` was given (as-of aware), as precise as the source. */
export function statusSinceOf(asOf: Bound | undefined): SQL<string | null> {
  return asOf
    ? sql<
        string | null
      >`(SELECT e.effective_date FROM status_events e WHERE e.membership_id = m.id AND e.effective_on <= ${asOf} AND ${ACTIVE_EVENT} ORDER BY e.effective_on DESC, e.id DESC LIMIT 1)`
    : sql<string | null>`m.current_since`;
}

/** Conditions on a membership `m` joined with its list `l`. */
export function membershipConditions(f: Pick<FilterBinds, 'list' | 'level' | 'status' | 'asOf'>): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (f.list) parts.push(sql`m.list_id = ${f.list}`);
  if (f.level) parts.push(sql`l.level = ${f.level}`);
  if (f.status) parts.push(sql`${statusOf(f.asOf)} = ${f.status}`);
  else if (f.asOf) parts.push(sql`${statusOf(f.asOf)} IS NOT NULL`);
  return sql.join(parts, sql` AND `);
}

type PlaceColumns = Record<'province' | 'city' | 'county' | 'searchText' | 'divisionCode', SQLWrapper>;

/** Conditions on where a town is and what it is called, on the given town columns. */
export function placeConditions(f: FilterBinds, t: PlaceColumns = towns): SQL | undefined {
  return and(
    f.province ? sql`${t.province} = ${f.province}` : undefined,
    f.city ? sql`${t.city} = ${f.city}` : undefined,
    f.county ? sql`${t.county} = ${f.county}` : undefined,
    // The towns whose division code starts with the prefix, as a range that the index on the code serves.
    f.divisionFrom && f.divisionBelow ? sql`${t.divisionCode} >= ${f.divisionFrom} AND ${t.divisionCode} < ${f.divisionBelow}` : undefined,
    // instr(), not LIKE: `%`, `_` and `\` are plain characters, and no query is too long for it
    // (D1 refuses a LIKE pattern over 50 bytes as "too complex").
    f.needle ? sql`instr(${t.searchText}, ${f.needle}) > 0` : undefined,
  );
}

/** Conditions on the `towns` table, including "is on a matching list". */
export function townConditions(f: TownFilter): SQL | undefined {
  return townConditionsOf(filterBinds(f));
}

export function townConditionsOf(f: FilterBinds): SQL | undefined {
  return and(
    placeConditions(f),
    sql`EXISTS (SELECT 1 FROM memberships m JOIN lists l ON l.id = m.list_id WHERE m.town_id = ${towns.id} AND ${membershipConditions(f)})`,
  );
}
