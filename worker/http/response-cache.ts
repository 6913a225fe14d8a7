/**
 * Bodies of public reads kept in the isolate's memory, keyed by the data (and
 * results) version they were built from. A write changes the version, so an
 * entry built before it can never be served after it: no invalidation, no
 * staleness. Two stores, each bounded by bytes (keys and headers counted too)
 * and by entries, least recently used first out, so the copies never compete
 * with requests for the isolate's 128 MB: JSON reads, many and small, and
 * exports (CSV, NDJSON), few and large, which would otherwise push the JSON
 * working set out on every download.
 */
export interface CachedResponse {
  body: ArrayBuffer;
  headers: [string, string][];
}

export interface CacheLimits {
  /** All entries together, bodies, keys and headers. */
  maxBytes: number;
  /** One entry; a larger body is served as usual and not kept. */
  maxEntryBytes: number;
  maxEntries: number;
}

const JSON_LIMITS: CacheLimits = { maxBytes: 16 * 1024 * 1024, maxEntryBytes: 512 * 1024, maxEntries: 2000 };
// The largest export today (every status event) is ~0.33 MB as CSV and ~0.6 MB as NDJSON.
const EXPORT_LIMITS: CacheLimits = { maxBytes: 16 * 1024 * 1024, maxEntryBytes: 4 * 1024 * 1024, maxEntries: 256 };

/** JavaScript strings are UTF-16: two bytes a code unit is what a key or header costs in memory. */
function sizeOf(key: string, entry: CachedResponse): number {
  return entry.body.byteLength + 2 * key.length + entry.headers.reduce((n, [name, value]) => n + 2 * (name.length + value.length), 0);
}

class BoundedStore {
  readonly #entries = new Map<string, { entry: CachedResponse; size: number }>();
  #bytes = 0;
  constructor(public limits: CacheLimits) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit?.entry;
  }

  set(key: string, entry: CachedResponse): void {
    const size = sizeOf(key, entry);
    if (size > this.limits.maxEntryBytes) return;
    this.delete(key);
    this.#entries.set(key, { entry, size });
    this.#bytes += size;
    for (const [k] of this.#entries) {
      if (this.#bytes <= this.limits.maxBytes && this.#entries.size <= this.limits.maxEntries) break;
      this.delete(k);
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#bytes -= old.size;
  }

  stats(): { bytes: number; entries: number } {
    return { bytes: this.#bytes, entries: this.#entries.size };
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}

const jsonStore = new BoundedStore({ ...JSON_LIMITS });
const exportStore = new BoundedStore({ ...EXPORT_LIMITS });

/** `path` is the canonical path the router matched (http/canonical-path.ts), so one resource has one key. */
export function cacheKey(version: string, path: string, search: string, accept: string): string {
  return `${version}\n${path}${search}\n${accept}`;
}

export function getCached(key: string): CachedResponse | undefined {
  return jsonStore.get(key) ?? exportStore.get(key);
}

/** Headers that belong to one request (its D1 session), never to a shared copy. */
const PER_REQUEST = new Set(['x-d1-bookmark', 'set-cookie', 'etag', 'last-modified', 'cache-control', 'vary', 'content-length']);

function sharedHeaders(res: Response): [string, string][] {
  return [...res.headers].filter(([name]) => !PER_REQUEST.has(name.toLowerCase()));
}

const JSON_TYPE = /^application\/json\b/;
/** What http/formats.ts exports: a whole collection, streamed as it is read from D1. */
const EXPORT_TYPE = /^(text\/csv|application\/x-ndjson)\b/;

/**
 * The copies of exports still streaming. A copy grows at the client's pace,
 * outside the store until it is whole, so the copies are bounded all together
 * as the store is (by its maxBytes): otherwise every slow concurrent download
 * held a copy of its own, and memory grew with the number of clients rather
 * than with the bound. A key may have several (one stalled download must not
 * keep an export from being kept for everyone else).
 */
const inFlight = new Set<{ bytes: number }>();
let inFlightBytes = 0;

/**
 * The export's stream, passed on chunk by chunk as the client reads it (the
 * first bytes leave before the last rows are read from D1), with a copy made
 * as it goes; once the stream has ended whole, the copy is kept under `key`.
 * Past the bound of one entry, or of all copies in flight, the copy is dropped
 * and the rest only passes through; a stream that fails or is cancelled
 * midway keeps nothing, so no partial export is ever kept.
 */
function copying(
  source: ReadableStream<Uint8Array>,
  key: string,
  headers: [string, string][],
  unchanged: () => Promise<boolean>,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const copy = { bytes: 0 };
  let chunks: Uint8Array[] | null = [];
  inFlight.add(copy);
  // Once only, and not after a reset for tests has forgotten the copy.
  const release = (): void => {
    chunks = null;
    if (inFlight.delete(copy)) inFlightBytes -= copy.bytes;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (err) {
          release();
          throw err;
        }
        if (next.done) {
          const whole = chunks;
          release();
          // Its pages were read one after another, at the client's pace: a write meanwhile makes it part one version,
          // part the next, which is no export of the version it would be kept under.
          // A failed check keeps nothing, and must not fail a download that has been sent whole.
          if (whole && (await unchanged().catch(() => false))) exportStore.set(key, { body: concat(whole, copy.bytes), headers });
          controller.close();
          return;
        }
        const chunk = next.value;
        if (chunks) {
          const over =
            copy.bytes + chunk.byteLength > exportStore.limits.maxEntryBytes ||
            inFlightBytes + chunk.byteLength > exportStore.limits.maxBytes;
          if (over || !inFlight.has(copy)) release();
          else {
            // A copy: the chunk itself belongs to the response once enqueued.
            chunks.push(chunk.slice());
            copy.bytes += chunk.byteLength;
            inFlightBytes += chunk.byteLength;
          }
        }
        controller.enqueue(chunk);
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    },
    // Read from the source only when the client asks for more, as the export itself is.
    { highWaterMark: 0 },
  );
}

function concat(chunks: Uint8Array[], length: number): ArrayBuffer {
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body.buffer;
}

/**
 * Keeps a 200 response under `key`, and returns the response to send. JSON is
 * read whole (it already is in memory); an export is returned as a stream that
 * fills the copy as it is sent, so it is never rebuilt from D1 for the next
 * client at the same version, if `unchanged()` says, once it has ended, that the
 * version is still the key's. Anything else, and bodies over the bound, are left alone.
 */
export async function keepCopy(key: string, res: Response, unchanged: () => Promise<boolean>): Promise<Response> {
  if (res.status !== 200 || !res.body) return res;
  const type = res.headers.get('Content-Type') ?? '';
  if (JSON_TYPE.test(type)) {
    const length = Number(res.headers.get('Content-Length') ?? NaN);
    if (length > jsonStore.limits.maxEntryBytes) return res;
    jsonStore.set(key, { body: await res.clone().arrayBuffer(), headers: sharedHeaders(res) });
    return res;
  }
  if (!EXPORT_TYPE.test(type)) return res;
  return new Response(copying(res.body, key, sharedHeaders(res), unchanged), { status: res.status, headers: res.headers });
}

/** For tests: what the stores hold, and new limits (or the defaults) with both emptied. */
export const responseCacheForTests = {
  /** `pending`: the bytes held by copies of exports still streaming. */
  stats: () => ({ json: jsonStore.stats(), exports: exportStore.stats(), pending: inFlightBytes }),
  reset(limits: { json?: Partial<CacheLimits>; exports?: Partial<CacheLimits> } = {}): void {
    jsonStore.limits = { ...JSON_LIMITS, ...limits.json };
    exportStore.limits = { ...EXPORT_LIMITS, ...limits.exports };
    jsonStore.clear();
    exportStore.clear();
    inFlight.clear();
    inFlightBytes = 0;
  },
};
