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
];
