import { CONFIDENCES } from '../lib/confidence.ts';
import type { CsvColumn } from '../lib/csv.ts';
import { PRECISIONS, precisionOf } from '../lib/dates.ts';
import { SOURCE_DATE_PATTERN } from '../schemas/common.ts';

export { PRECISIONS, precisionOf };

/** Words in both languages the site speaks; Chinese first. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A cell as the CSV writes it. */
type Cell = string | number | boolean | null | undefined;

/**
 * One column of a published CSV: how it is read from an item (for the CSV)
 * and what it is (for the Table Schema of the data package). Both come from
 * this one definition, so the description of a download cannot drift from
 * the download.
 */
export interface Field<T> {
  name: string;
  /** Table Schema type. Dates as precise as their source are `string` with a pattern and a precision column beside them. */
  type: 'string' | 'integer' | 'number' | 'boolean';
  title: Bilingual;
  description: Bilingual;
  value: (item: T) => Cell;
  /** Table Schema `format` (e.g. `uri` for a single URL). */
  format?: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: readonly string[]; pattern?: string; minimum?: number; maximum?: number };
  /** For a multi-valued cell: the text between two values (documented; Table Schema v1 has no array cells). */
  separator?: string;
}

export interface ForeignKey {
  fields: string;
  reference: { resource: string; fields: string };
}

/** A published table: its CSV columns in order, its keys, and what it holds. */
export interface Table<T> {
  /** Resource name in the data package and file name of its download (`${name}.csv`). */
  name: string;
  title: Bilingual;
  description: Bilingual;
  /** The API path that serves the whole table (CSV with `format=csv`). */
  apiPath: string;
  fields: Field<T>[];
  primaryKey?: string | string[];
  foreignKeys?: ForeignKey[];
}

/** The CSV columns of a table, in its order. */
export function csvColumns<T>(table: Pick<Table<T>, 'fields'>): CsvColumn<T>[] {
  return table.fields.map((f) => [f.name, f.value]);
}

/** A bilingual text as one Table Schema string: Chinese, then English. */
export function both(text: Bilingual): string {
  return `${text.zh} / ${text.en}`;
}

/** The Frictionless Table Schema of a table (https://specs.frictionlessdata.io/table-schema/). */
export function tableSchema<T>(table: Table<T>): Record<string, unknown> {
  return {
    fields: table.fields.map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.format ? { format: f.format } : {}),
      title: both(f.title),
      description: both(f.description),
      ...(f.constraints ? { constraints: f.constraints } : {}),
      ...(f.separator ? { separator: f.separator } : {}),
    })),
    // Our CSVs write null as an empty cell.
    missingValues: [''],
    ...(table.primaryKey ? { primaryKey: table.primaryKey } : {}),
    ...(table.foreignKeys ? { foreignKeys: table.foreignKeys } : {}),
  };
}

// Fields that recur across tables, defined once.

/** A date as precise as its source (YYYY, YYYY-MM or YYYY-MM-DD); `precisionField` names the column that says which. */
export function sourceDate<T>(
  name: string,
  title: Bilingual,
  description: Bilingual,
  value: (item: T) => string | null | undefined,
  precisionField: string,
): Field<T> {
  return {
    name,
    type: 'string',
    title,
    description: {
      zh: `${description.zh}精度同来源：YYYY、YYYY-MM 或 YYYY-MM-DD，见 ${precisionField} 列；空表示未知。`,
      en: `${description.en} As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD (see ${precisionField}); empty when unknown.`,
    },
    constraints: { pattern: SOURCE_DATE_PATTERN },
    value,
  };
}

export function precisionField<T>(name: string, of: string, value: (item: T) => string | null | undefined): Field<T> {
  return {
    name,
    type: 'string',
    title: { zh: `${of} 的精度`, en: `Precision of ${of}` },
    description: {
      zh: `${of} 精确到日（day）、月（month）或年（year）；日期未知时为空。`,
      en: `Whether ${of} is given to the day, month or year; empty when the date is unknown.`,
    },
    constraints: { enum: PRECISIONS },
    value,
  };
}

export function confidenceField<T>(value: (item: T) => string | null | undefined): Field<T> {
  return {
    name: 'confidence',
    type: 'string',
    title: { zh: '可信度', en: 'Confidence' },
    description: {
      zh: 'high：见于官方通知的副本；medium：新闻报道或百科明确说明；low：推断或来源较弱（见 note）。',
      en: 'high: read in a copy of the official notice; medium: named explicitly by a news report or encyclopaedia; low: deduced or from a weak source (see note).',
    },
    constraints: { enum: CONFIDENCES },
    value,
  };
}

export function sourceUrlsField<T>(name: string, value: (item: T) => string[]): Field<T> {
  return {
    name,
    type: 'string',
    title: { zh: '来源网址', en: 'Source URLs' },
    description: {
      zh: '读到该记录的网页（官方通知的副本或相关报道），多个网址以一个空格分隔。',
      en: 'Where the row was read (copies of the notice or reports about it); several URLs are separated by one space.',
    },
    separator: ' ',
    value: (item) => value(item).join(' '),
  };
}

/** `note` (our English text) and `note_zh` (its Chinese translation), as every record with a note has them. */
export function noteFields<T extends { note: string | null; note_zh: string | null }>(
  about: Bilingual = { zh: '该记录', en: 'the row' },
): Field<T>[] {
  return [
    {
      name: 'note',
      type: 'string',
      title: { zh: '备注（英文）', en: 'Note' },
      description: {
        zh: `关于${about.zh}的说明（英文）：缺失或不确定之处。`,
        en: `Remarks on ${about.en} in English: what is missing or uncertain.`,
      },
      value: (item) => item.note,
    },
    {
      name: 'note_zh',
      type: 'string',
      title: { zh: '备注', en: 'Note in Chinese' },
      description: {
        zh: `同一说明的中文；无说明或尚无译文时为空。`,
        en: `The same remarks in Chinese; empty when there are none or no translation yet.`,
      },
      value: (item) => item.note_zh,
    },
  ];
}

/** The source document a row cites, by id (a key of the sources table) and title. */
export function sourceRefFields<T>(ref: (item: T) => { id: string; title: string | null } | null | undefined): Field<T>[] {
  return [
    {
      name: 'source_id',
      type: 'string',
      title: { zh: '来源编号', en: 'Source id' },
      description: { zh: 'sources 表中的来源文件。', en: 'The source document, in the sources table.' },
      value: (item) => ref(item)?.id,
    },
    {
      name: 'source_title',
      type: 'string',
      title: { zh: '来源标题', en: 'Source title' },
      description: { zh: '来源文件标题。', en: 'Title of the source document.' },
      value: (item) => ref(item)?.title,
    },
  ];
}
