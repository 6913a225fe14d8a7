/** A CSV column: its header and how to read it from an item. */
export type CsvColumn<T> = [header: string, value: (item: T) => string | number | boolean | null | undefined];

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine<T>(columns: CsvColumn<T>[], item: T): string {
  return columns.map(([, read]) => csvField(read(item))).join(',') + '\r\n';
}

export function csvHeader<T>(columns: CsvColumn<T>[]): string {
  return columns.map(([header]) => csvField(header)).join(',') + '\r\n';
}
