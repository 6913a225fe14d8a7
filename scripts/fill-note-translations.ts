/**
 * Gives every English note of data/*.csv its Chinese twin:
 * `npx tsx scripts/fill-note-translations.ts`. For each text column that holds
 * our own English prose (`note`, `detail`, `status_detail`) it adds a `<column>_zh`
 * column right after it, where missing, and fills empty cells from
 * data/translations/notes-zh.csv (English text → Chinese text, written by a person).
 * A cell already filled is never overwritten, and an English note with no entry in
 * the mapping stays without translation (the loader then stores null): nothing is
 * machine-invented. Rerun it after adding rows whose notes are in the mapping.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const TRANSLATED_COLUMNS = ['note', 'detail', 'status_detail'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

/** The files' own CSV style: a field is quoted only when it must be, lines end with LF. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const mapping = new Map(
  (
    parse(readFileSync(join(root, 'translations', 'notes-zh.csv'), 'utf8'), { columns: true, bom: true }) as { en: string; zh: string }[]
  ).map((r) => [r.en.trim(), r.zh.trim()]),
);

const untranslated = new Set<string>();
for (const name of readdirSync(root)
  .filter((n) => n.endsWith('.csv'))
  .sort()) {
  const path = join(root, name);
  const rows = parse(readFileSync(path, 'utf8'), { bom: true, skip_empty_lines: true }) as string[][];
  const header = rows[0]!;
  let changed = false;
  for (const column of TRANSLATED_COLUMNS) {
    const at = header.indexOf(column);
    if (at < 0) continue;
    let zhAt = header.indexOf(`${column}_zh`);
    if (zhAt < 0) {
      zhAt = at + 1;
      for (const row of rows) row.splice(zhAt, 0, row === header ? `${column}_zh` : '');
      changed = true;
    }
    for (const row of rows.slice(1)) {
      const en = (row[at] ?? '').trim();
      if (!en || (row[zhAt] ?? '').trim()) continue;
      const zh = mapping.get(en);
      if (zh) {
        row[zhAt] = zh;
        changed = true;
      } else {
        untranslated.add(`${name} ${column}: ${en.slice(0, 80)}`);
      }
    }
  }
  if (changed) writeFileSync(path, `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`);
}
for (const line of untranslated) console.warn(`no translation: ${line}`);
