import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dailySalts } from '../../db/survey-schema.ts';

let cached: { day: string; salt: string } | undefined;

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The salt of the day: created on first use, yesterday's deleted, so a past hash can never be recomputed. */
async function saltOfDay(db: Db, day: string): Promise<string> {
  if (cached?.day === day) return cached.salt;
  await db.batch([
    db.insert(dailySalts).values({ day, salt: randomHex(32) }).onConflictDoNothing(),
    db.delete(dailySalts).where(lt(dailySalts.day, day)),
  ]);
  const row = await db.select({ salt: dailySalts.salt }).from(dailySalts).where(eq(dailySalts.day, day)).get();
  cached = { day, salt: row!.salt };
  return cached.salt;
}

/** IPv6 clients are keyed by their /64, which one household or device usually keeps. */
export function networkOf(address: string): string {
  if (!address.includes(':')) return address;
  const [head] = address.split('::');
  const groups = (head ?? '').split(':').filter(Boolean);
  return [...groups, '0', '0', '0', '0'].slice(0, 4).join(':') + '::/64';
}

/**
 * HMAC-SHA256 of the client's network under the salt of the day: a key for
 * per-client limits that is never the address and is never stored.
 */
export async function clientKey(db: Db, address: string, now: Date): Promise<string> {
  const salt = await saltOfDay(db, now.toISOString().slice(0, 10));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(networkOf(address)));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
