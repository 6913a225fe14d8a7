import type { CsvColumn } from '../../lib/csv.ts';
import type { TownSummary } from '../../services/towns.ts';

/** One row per town; its lists as `list_id:status` pairs separated by `; `. */
export const TOWN_CSV: CsvColumn<TownSummary>[] = [
  ['id', (t) => t.id],
  ['name', (t) => t.name],
  ['name_pinyin', (t) => t.name_pinyin],
  ['province', (t) => t.province],
  ['city', (t) => t.city],
  ['county', (t) => t.county],
  ['industry', (t) => t.industry],
  ['lists', (t) => t.memberships.map((m) => `${m.list_id}:${m.status}`).join('; ')],
  // Official division codes of each level (统计用区划代码) and the names they fill in where the source left them empty.
  ['province_code', (t) => t.province_code],
  ['city_code', (t) => t.city_code],
  ['county_code', (t) => t.county_code],
  ['township_code', (t) => t.township_code],
  ['derived_city', (t) => t.derived_city],
  ['derived_county', (t) => t.derived_county],
];
