import { type RouteConfig, type RouteConfigToTypedResponse, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { ZodType } from 'zod';
import { exportResponse, type Format, negotiateFormat } from '../http/formats.ts';
import type { CsvColumn } from '../lib/csv.ts';

/** The 200 response of a collection: JSON pages, or the whole collection as CSV or NDJSON. */
export function collectionResponse<S extends ZodType>(schema: S, description: string) {
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

/** A collection small enough to read whole (lists, sources, figures…) as one JSON page. */
export function wholePage<T>(items: T[]) {
  return { items, total: items.length, next_cursor: null };
}

/** The JSON answer a route documents for 200; its other 200 media types are the CSV and NDJSON exports. */
type JsonAnswer<R extends RouteConfig> = Extract<RouteConfigToTypedResponse<R>, TypedResponse<unknown, 200, 'json'>>;

type MaybePromise<T> = T | Promise<T>;

export type CollectionAnswer<R extends RouteConfig, T> = {
  /** `?format=`, which wins over the Accept header. */
  format: Format | undefined;
  /** The rows of the CSV or NDJSON: every page (streamed, one at a time) or one array. */
  rows: () => MaybePromise<AsyncIterable<T[]> | T[]>;
  columns: CsvColumn<T>[];
  /** Names the download, without its extension. */
  filename: string;
  json: () => MaybePromise<JsonAnswer<R>>;
};

/**
 * Answers a collection route in the format asked for: the rows as CSV or NDJSON,
 * else the JSON. Only the chosen one is read. `_route` only types `json`: its
 * answer must match the schema the route documents, which a plain Response (the
 * exports) would otherwise let through unchecked.
 */
export async function answerCollection<R extends RouteConfig, T>(
  c: Context,
  _route: R,
  answer: CollectionAnswer<R, T>,
): Promise<JsonAnswer<R> | Response> {
  const format = negotiateFormat(c, answer.format);
  if (format !== 'json') return exportResponse(format, await answer.rows(), answer.columns, answer.filename);
  return answer.json();
}
