import { type SQL, sql } from 'drizzle-orm';
import type { TownSort } from '../../lib/town-sort.ts';
import type { Db } from '../client.ts';
import { firstRow, placeholders, shapeOf } from '../compiled.ts';
import { towns } from '../schema.ts';
import { type Bound, filterBinds, statusOf, statusSinceOf, type TownFilter, townConditionsOf } from './town-filter.ts';
import { SORT_KEYS } from './towns.ts';

/*
 * Reads of towns built in ONE D1 statement each (issue 15, "Ahead of the peer"): a round trip to D1 costs more than
 * anything the read computes, so SQLite's JSON functions build the town, or a page of towns, with its memberships,
 * the total and the next page's key, and the worker parses one value. The JSON is the API's (schemas/towns.ts),
 * field for field and in the same order as the records the services made before: when it replaced them, 2,162 reads
 * (every town, stats under ~230 filters, pages in every sort to the end, refusals) answered exactly as recorded from
 * that implementation; the contract and towns/stats tests hold it to the schemas since. Each statement is compiled once per shape
 * (db/compiled.ts): every value is a placeholder, bound when the statement runs.
 */

/** `col` cut to `digits`, or null when it is shorter: divisionCodes() of lib/division-code.ts, in SQL. */
function codeOf(col: SQL, digits: 2 | 4 | 6 | 9): SQL {
  const n = sql.raw(String(digits));
  return sql`CASE WHEN length(${col}) >= ${n} THEN substr(${col}, 1, ${n}) END`;
}

/** The fields of the API's memberships of a town, on the as-of date; `detail` adds those of a single town's. */
function membershipsJson(townId: SQL, asOf: Bound | undefined, detail: boolean): SQL {
  const status = statusOf(asOf);
  const more = detail
    ? sql`, 'listed_as', m.listed_as, 'confidence', m.confidence, 'source_urls', json(m.source_urls), 'note', m.note, 'note_zh', m.note_zh`
    : sql``;
  // Without as_of every membership has its stored current status; on a date, lists the town was not yet on are left out.
  const listed = asOf ? sql` AND ${status} IS NOT NULL` : sql``;
  // json(): the array keeps its JSON type through the scalar subquery, so json_object embeds it rather than quoting it.
  return sql`json((SELECT json_group_array(json_object('list_id', m.list_id, 'list_name', l.name, 'level', l.level, 'status', ${status},
      'status_since', ${statusSinceOf(asOf)}, 'source_stage', m.source_stage, 'source_stage_date', m.source_stage_date${more}) ORDER BY l.position)
    FROM memberships m JOIN lists l ON l.id = m.list_id WHERE m.town_id = ${townId}${listed}))`;
}

/** A town as TownSummarySchema (or TownSchema with `detail`) gives it, from the row of `t`. */
function townJson(t: string, asOf: Bound | undefined, detail: boolean): SQL {
  const c = (name: string) => sql.raw(`${t}.${name}`);
  const notes = detail ? sql`, 'note', ${c('note')}, 'note_zh', ${c('note_zh')}` : sql``;
  return sql`json_object('id', ${c('id')}, 'name', ${c('name')}, 'name_pinyin', ${c('name_pinyin')}, 'province', ${c('province')},
    'city', ${c('city')}, 'county', ${c('county')}, 'industry', ${c('industry')},
    'province_code', ${codeOf(c('division_code'), 2)}, 'city_code', ${codeOf(c('division_code'), 4)},
    'county_code', ${codeOf(c('division_code'), 6)}, 'township_code', ${codeOf(c('division_code'), 9)},
    'derived_city', ${c('derived_city')}, 'derived_county', ${c('derived_county')},
    'memberships', ${membershipsJson(c('id'), asOf, detail)}${notes})`;
}

/** The town with every list it is on, as TownSchema gives it (JSON text), or null when no town has the id. */
export async function selectTownJson(db: Db, id: string): Promise<string | null> {
  const build = () => sql`SELECT ${townJson('towns', undefined, true)} AS body FROM towns WHERE towns.id = ${sql.placeholder('id')}`;
  const row = await firstRow<{ body: string }>(db, 'town', build, { id });
  return row?.body ?? null;
}

export interface TownPageJson {
  /** The page's towns as TownSummarySchema gives them (JSON text of an array). */
  items: string;
  total: number;
  /** The sort key of the page's last town when there is a next page (JSON text of an array of strings), else null. */
  next: string | null;
  /** Whether the `list` filter names a list (1), when there is one. */
  listKnown: number | null;
}

/** The sort's columns on `t` (a CTE's alias, so by name), in the sort's direction. */
function orderOn(t: string, sort: TownSort): SQL {
  const columns = SORT_KEYS[sort].map((k) => `${t}.${towns[k].name}${sort === '-name' ? ' DESC' : ''}`);
  return sql.raw(columns.join(', '));
}

/**
 * One page of towns in keyset order (`limit` after the key `after`), with the number of towns matching the filters
 * and whether the `list` filter names a list: what three to four statements read before, in one. One town more than
 * the page is read, as before, to tell whether there is a next page.
 */
export async function selectTownPageJson(
  db: Db,
  filter: TownFilter,
  sort: TownSort,
  limit: number,
  after?: string[],
): Promise<TownPageJson> {
  const values = {
    ...filterBinds(filter),
    listId: filter.list,
    limit,
    ...Object.fromEntries((after ?? []).map((v, i) => [`after${i}`, v])),
  };
  const build = () => {
    const p = placeholders(values);
    const conditions = townConditionsOf(p) ?? sql`1 = 1`;
    const keys = SORT_KEYS[sort].map((k) => towns[k]);
    const afterKey = SORT_KEYS[sort].map((_, i) => sql.placeholder(`after${i}`));
    const keyset = after
      ? sql` AND (${sql.join(keys, sql`, `)}) ${sort === '-name' ? sql`<` : sql`>`} (${sql.join(afterKey, sql`, `)})`
      : sql``;
    const order = sql.join(
      keys.map((k) => (sort === '-name' ? sql`${k} DESC` : sql`${k}`)),
      sql`, `,
    );
    const lastKey = sql.raw(`json_array(${SORT_KEYS[sort].map((k) => `p.${towns[k].name}`).join(', ')})`);
    const listKnown = p.listId ? sql`(SELECT count(*) FROM lists WHERE lists.id = ${p.listId})` : sql`NULL`;
    const n = p.limit!;
    return sql`WITH page AS (SELECT * FROM towns WHERE ${conditions}${keyset} ORDER BY ${order} LIMIT ${n} + 1)
      SELECT (SELECT count(*) FROM towns WHERE ${conditions}) AS total,
        (SELECT json_group_array(${townJson('p', p.asOf, false)} ORDER BY ${orderOn('p', sort)})
           FROM (SELECT * FROM page p ORDER BY ${orderOn('p', sort)} LIMIT ${n}) p) AS items,
        (SELECT ${lastKey} FROM (SELECT * FROM page p ORDER BY ${orderOn('p', sort)} LIMIT 1 OFFSET ${n} - 1) p
           WHERE (SELECT count(*) FROM page) > ${n}) AS next,
        ${listKnown} AS listKnown`;
  };
  return (await firstRow<TownPageJson>(db, shapeOf('town-page', values, sort), build, values))!;
}
