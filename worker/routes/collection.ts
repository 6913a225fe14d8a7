import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodType } from 'zod';
import { exportResponse, negotiateFormat, type Format } from '../http/formats.ts';
import type { CsvColumn } from '../lib/csv.ts';

/** The 200 response of a collection: JSON pages, or the whole collection as CSV or NDJSON. */
export function collectionResponse(schema: ZodType, description: string) {
  return {
    description,
    headers: z.object({
      ETag: z.string().openapi({ description: 'Changes whenever the data changes; send it back in If-None-Match to get a 304.' }),
      Link: z.string().optional().openapi({ description: '`<…>; rel="next"` when there is a next page (JSON only).' }),
    }),
    content: {
      'application/json': { schema },
      'text/csv': { schema: z.string().openapi({ description: 'Every item, all pages, UTF-8 with BOM.' }) },
      'application/x-ndjson': { schema: z.string().openapi({ description: 'Every item, all pages, one JSON object per line.' }) },
    },
  };
}

/** The URL of the next page, for the `Link` header. */
export function nextLink(requestUrl: string, cursor: string | null): Record<string, string> {
  if (!cursor) return {};
  const url = new URL(requestUrl);
  url.searchParams.set('cursor', cursor);
  return { Link: `<${url.pathname}${url.search}>; rel="next"` };
}

/**
 * A collection small enough to read whole (lists, sources, figures): one
 * JSON page, or the same items as CSV or NDJSON.
 */
export function wholeCollection<T>(c: Context, items: T[], format: Format | undefined, columns: CsvColumn<T>[], filename: string): Response {
  const chosen = negotiateFormat(c, format);
  if (chosen !== 'json') return exportResponse(chosen, items, columns, filename);
  return c.json({ items, total: items.length, next_cursor: null }, 200);
}
