/** The longest FRESHNESS_SECONDS: beyond a minute the promise would say little, and a typo (ms for s) would pass. */
const MAX_SECONDS = 60;

let parsed: { raw: string | undefined; ms: number } | undefined;

/**
 * FRESHNESS_SECONDS (wrangler var, 1 unless set) in milliseconds: how old a
 * version a public read may use. 0 turns the isolate's copy off (every read asks
 * D1, as the worker tests do: they write around the worker, straight into D1).
 * Validated once per isolate (and again only if the value differs, as in tests
 * that pass their own bindings); a value that is not a number of seconds from 0
 * to 60 is a deployment error, refused loudly rather than guessed at.
 */
export function freshnessMs(env: { FRESHNESS_SECONDS?: string }): number {
  const raw = env.FRESHNESS_SECONDS;
  if (parsed && parsed.raw === raw) return parsed.ms;
  const text = raw === undefined || raw.trim() === '' ? '1' : raw.trim();
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 0 && seconds <= MAX_SECONDS)) throw new Error(`FRESHNESS_SECONDS must be a number of seconds from 0 to ${MAX_SECONDS}, not ${JSON.stringify(raw)}.`);
  const ms = seconds * 1000;
  parsed = { raw, ms };
  return ms;
}
