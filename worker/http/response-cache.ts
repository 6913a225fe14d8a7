/**
 * Bodies of public JSON reads kept in the isolate's memory, keyed by the data
 * (and results) version they were built from. A write changes the version, so
 * an entry built before it can never be served after it: no invalidation,
 * no staleness. Least recently used entries go first; the size is bounded so
 * the cache never competes with requests for the isolate's 128 MB.
 */
export interface CachedResponse {
  body: ArrayBuffer;
  headers: [string, string][];
}

const MAX_BYTES = 16 * 1024 * 1024;
const MAX_ENTRY_BYTES = 512 * 1024;
const MAX_ENTRIES = 2000;

const entries = new Map<string, CachedResponse>();
let bytes = 0;

/** `path` is the canonical path the router matched (http/canonical-path.ts), so one resource has one key. */
export function cacheKey(version: string, path: string, search: string, accept: string): string {
  return `${version}\n${path}${search}\n${accept}`;
}

export function getCached(key: string): CachedResponse | undefined {
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
  }
  return hit;
}

/** Headers that belong to one request (its D1 session), never to a shared copy. */
const PER_REQUEST = new Set(['x-d1-bookmark', 'set-cookie', 'etag', 'last-modified', 'cache-control', 'vary']);

/** Keeps a 200 JSON response; streamed exports and large bodies are left alone. */
export async function putCached(key: string, res: Response): Promise<void> {
  if (res.status !== 200 || !/^application\/json\b/.test(res.headers.get('Content-Type') ?? '')) return;
  const length = Number(res.headers.get('Content-Length') ?? NaN);
  if (length > MAX_ENTRY_BYTES) return;
  const body = await res.clone().arrayBuffer();
  if (body.byteLength > MAX_ENTRY_BYTES) return;
  const headers = [...res.headers].filter(([name]) => !PER_REQUEST.has(name.toLowerCase()));
  const old = entries.get(key);
  if (old) (bytes -= old.body.byteLength), entries.delete(key);
  entries.set(key, { body, headers });
  bytes += body.byteLength;
  for (const [k, v] of entries) {
    if (bytes <= MAX_BYTES && entries.size <= MAX_ENTRIES) break;
    entries.delete(k);
    bytes -= v.body.byteLength;
  }
}
