import type { Db } from '../../db/client.ts';
import { deleteSaltsBefore, saltOfDay } from '../../db/queries/salts.ts';
import { toHex } from '../../lib/hash.ts';
import { networkOf } from './network.ts';

export { networkOf };

// The key itself, not a promise of it: a promise made in one request must not be awaited by another.
let cached: { day: string; key: CryptoKey } | undefined;

/** The salt of the day, as an HMAC key: created on first use, yesterday's deleted, so a past hash can never be recomputed. */
async function keyOfDay(db: Db, day: string): Promise<CryptoKey> {
  if (cached?.day === day) return cached.key;
  const salt = await saltOfDay(db, day, toHex(crypto.getRandomValues(new Uint8Array(32)).buffer));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  cached = { day, key };
  return key;
}

/**
 * Deletes the salts of the days before `now`'s (UTC). A submission does so when it makes the day's salt; the
 * hourly Cron Trigger does too (worker/scheduled.ts), so that a day's salt outlives its day by an hour at most even
 * when no submission comes the next day: the privacy notice (/data) promises it.
 */
export async function deletePastSalts(db: Db, now: Date): Promise<void> {
  await deleteSaltsBefore(db, now.toISOString().slice(0, 10));
}

/** HMAC-SHA256 of `message` under the salt of the day (hex): nobody without the salt can compute it, and after the day nobody can. */
async function hmacOfDay(db: Db, message: string, now: Date): Promise<string> {
  const key = await keyOfDay(db, now.toISOString().slice(0, 10));
  return toHex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
}

/**
 * HMAC-SHA256 of the client's network under the salt of the day: a key for
 * per-client limits that is never the address and is never stored.
 */
export async function clientKey(db: Db, address: string, now: Date): Promise<string> {
  return hmacOfDay(db, networkOf(address), now);
}
