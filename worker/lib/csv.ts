/** A CSV column: its header and how to read it from an item. */
export type CsvColumn<T> = [header: string, value: (item: T) => string | number | boolean | null | undefined];

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): a cell that
 * starts with `=`, `+`, `-`, `@`, tab, CR or LF, also once invisible characters
 * and spaces in front are dropped and compatibility forms folded (NFKC: the
 * full-width ＝ and small ﹦ are `=`), as some spreadsheets and locales do.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;
const INVISIBLE_LEAD = /^[\p{Cf}\p{Zs}\u00a0 ]+/u;

function looksLikeFormula(text: string): boolean {
  if (FORMULA_START.test(text)) return true;
  // Only the start decides, so only the start is folded: an export of thousands of rows stays cheap.
  return FORMULA_START.test(text.slice(0, 16).replace(INVISIBLE_LEAD, '').normalize('NFKC'));
}

/**
 * Text as a spreadsheet must show it: a leading `'` makes Excel, LibreOffice and
 * Google Sheets keep a formula-looking cell as text. Only strings are touched:
 * the numbers we emit (a negative gap, an NPS below zero) stay numbers.
 */
function neutralise(value: string | number | boolean): string {
  const text = String(value);
  return typeof value === 'string' && looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * A cell as it was before `neutralise`: the `'` in front of formula-looking
 * text dropped. The import reads a file this module wrote (a suggestion's
 * prefilled row, a download edited and sent back) as the text it was made from.
 */
export function unneutralise(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
}

/** One RFC 4180 field: neutralised if it is formula-looking text, quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine<T>(columns: CsvColumn<T>[], item: T): string {
  return `${columns.map(([, read]) => csvField(read(item))).join(',')}\r\n`;
}

export function csvHeader<T>(columns: CsvColumn<T>[]): string {
  return `${columns.map(([header]) => csvField(header)).join(',')}\r\n`;
}
