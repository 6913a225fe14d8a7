import { SOURCE_STAGES, type SourceStage } from '../../worker/lib/source-stage.ts';
import { blank } from './text.ts';
import type { Row } from './types.ts';
import { DataError } from './vocabulary.ts';

/** A note in both languages: `en` is the text of the data file's own column, `zh` its `_zh` twin. */
export interface Bilingual {
  en: string | null;
  zh: string | null;
}

const LATIN = /[A-Za-z]/;

/**
 * The Chinese of a cell: its `<column>_zh` twin when the file has one, else the cell
 * itself when it has no Latin letter (a Chinese wording copied from a source, a bare
 * document number), which reads the same in both languages. Otherwise null: a
 * missing translation is never invented.
 */
function chineseOf(row: Row, column: string, value: string): string | null {
  return blank(row[`${column}_zh`]) ?? (LATIN.test(value) ? null : value);
}

/**
 * The note of a row from one or more of its columns (`note`, and e.g. `detail`),
 * joined by a space in each language. The Chinese is null unless every part has
 * one, so a Chinese note never silently drops what the English one says.
 */
export function bilingualNote(row: Row, columns: string[]): Bilingual {
  const parts = columns.flatMap((column) => {
    const en = blank(row[column]);
    return en ? [{ en, zh: chineseOf(row, column, en) }] : [];
  });
  if (!parts.length) return { en: null, zh: null };
  return { en: parts.map((p) => p.en).join(' '), zh: parts.every((p) => p.zh) ? parts.map((p) => p.zh).join('') : null };
}

/** A remark that is not a note column (a document's parenthesis, a place qualifier): Chinese only when it is already. */
export function remarkNote(text: string | null): Bilingual {
  return { en: text, zh: text && !LATIN.test(text) ? text : null };
}

const STAGE_PATTERNS: [RegExp, SourceStage][] = [
  [/^(公示|public[- ]notice)/i, 'public-notice'],
  [/^final/i, 'final'],
  [/^deduced/i, 'deduced'],
];

/**
 * `source_stage` of a list row, as the files write it: `公示 (2017-07-27)`, `final`,
 * `final (provincial report 2017-08-29)`, `deduced`. Any list file may have the
 * column; an empty cell or no column is null, a wording not known stops the load.
 */
export function sourceStageOf(row: Row, where: string): { stage: SourceStage | null; date: string | null } {
  const raw = blank(row.source_stage);
  if (!raw) return { stage: null, date: null };
  const stage = STAGE_PATTERNS.find(([pattern]) => pattern.test(raw))?.[1];
  if (!stage)
    throw new DataError(`${where}: source_stage "${raw}" is none of ${SOURCE_STAGES.join(', ')} (written 公示 …, final …, deduced)`);
  return { stage, date: /\d{4}(-\d{2}(-\d{2})?)?/.exec(raw)?.[0] ?? null };
}
