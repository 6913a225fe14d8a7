import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { clientKey } from './client-key.ts';
import { verifyTurnstile } from './turnstile.ts';

/** What a public write needs to be let in: Turnstile when configured, and the per-network limit. */
export interface AbuseControls {
  idempotencyKey: string;
  /** The client's address (only CF-Connecting-IP is trusted): used only through its salted hash, never stored. */
  clientAddress: string;
  limiter?: RateLimit;
  turnstileSecret?: string;
  now: Date;
}

/** The controls with the client network's key of the day (client-key.ts), computed at most once per request. */
export type Admission<C extends AbuseControls = AbuseControls> = C & { clientKey: () => Promise<string> };

export function withClientKey<C extends AbuseControls>(db: Db, ctx: C): Admission<C> {
  let key: Promise<string> | undefined;
  // The limiter and the duplicate signal both key on the client network: one HMAC per request, not one each.
  return { ...ctx, clientKey: () => (key ??= clientKey(db, ctx.clientAddress, ctx.now)) };
}

/**
 * Turnstile, then the per-network limit: the last gate before a public write
 * (a questionnaire's answers, a suggestion), so that only a request that is
 * valid and about to be stored spends the client's budget (the limiter
 * binding can only consume, never peek). `bucket` keeps the budgets of
 * different kinds of write apart on the one limiter.
 */
export async function admit(ctx: Admission, turnstileToken: string | undefined, bucket = ''): Promise<void> {
  if (ctx.turnstileSecret) await verifyTurnstile(ctx.turnstileSecret, turnstileToken, ctx.idempotencyKey);
  if (ctx.limiter) {
    const { success } = await ctx.limiter.limit({ key: `${bucket}${await ctx.clientKey()}` });
    if (!success)
      throw new AppError('rate-limited', 'Too many submissions from your network; please wait a minute.', {
        headers: { 'Retry-After': '60' },
      });
  }
}
