import type { Context } from 'hono';
import { type CsvColumn, csvHeader, csvLine } from '../lib/csv.ts';

/** The representations of a collection; schemas/common.ts's `format` parameter takes its values from here. */
export const FORMATS = ['json', 'csv', 'ndjson'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * `?format=` wins over the Accept header; JSON is the default. An Accept naming none of the formats gets JSON,
 * not a 406 (RFC 9110 lets a server disregard it), and a `format` outside FORMATS is a 400 from the schema.
 */
export function negotiateFormat(c: Context, queryFormat: Format | undefined): Format {
  if (queryFormat) return queryFormat;
  const accept = c.req.header('Accept') ?? '';
  if (/\btext\/csv\b/i.test(accept)) return 'csv';
  if (/\bapplication\/(x-)?ndjson\b/i.test(accept)) return 'ndjson';
  return 'json';
}

/** Turns pages into a byte stream, one page in memory at a time. */
function streamPages<T>(pages: AsyncIterable<T[]>, head: string, line: (item: T) => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (head) controller.enqueue(encoder.encode(head));
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(line).join('')));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

async function* single<T>(items: T[]): AsyncGenerator<T[]> {
  yield items;
}

/**
 * A whole collection as CSV (UTF-8 with BOM, so that Excel reads Chinese) or
 * NDJSON, streamed. `filename` names the download.
 */
export function exportResponse<T>(
  format: 'csv' | 'ndjson',
  pages: AsyncIterable<T[]> | T[],
  columns: CsvColumn<T>[],
  filename: string,
): Response {
  const source = Array.isArray(pages) ? single(pages) : pages;
  const body =
    format === 'csv'
      ? streamPages(source, `\uFEFF${csvHeader(columns)}`, (item) => csvLine(columns, item))
      : streamPages(source, '', (item) => `${JSON.stringify(item)}\n`);
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `inline; filename="${filename}.${format === 'csv' ? 'csv' : 'ndjson'}"`,
    },
  });
}
