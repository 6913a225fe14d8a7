import { unneutralise } from './csv.ts';

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a UTF-8
 * BOM) into rows of fields. Throws on a quote left open, the one error that
 * would otherwise silently merge rows.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new SyntaxError('a quoted field is not closed');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * Rows as objects keyed by the (trimmed, lower-case) header, with each data
 * row's line number; a cell our CSV writer neutralised is read without its `'`.
 */
export function parseCsvRecords(text: string): { header: string[]; records: { line: number; values: Record<string, string> }[] } {
  const [head = [], ...body] = parseCsv(text);
  const header = head.map((h) => h.trim().toLowerCase());
  return {
    header,
    records: body.map((fields, i) => ({
      line: i + 2,
      values: Object.fromEntries(header.map((h, j) => [h, unneutralise((fields[j] ?? '').trim())])),
    })),
  };
}
