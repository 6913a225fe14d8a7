import { csvHeader, csvLine } from '../lib/csv.ts';
import { csvColumns, type Table } from './table.ts';

/** A table's whole CSV as the API's export writes it: UTF-8 byte order mark, header, CRLF lines. */
export function csvText<T>(table: Pick<Table<T>, 'fields'>, rows: T[]): string {
  const columns = csvColumns(table);
  return `\uFEFF${csvHeader(columns)}${rows.map((row) => csvLine(columns, row)).join('')}`;
}
