import { AppError } from '../../errors.ts';
import { verifyTurnstile } from './turnstile.ts';

/** What a public write needs to be let in: Turnstile when configured, and the per-network limit. */
export interface AbuseControls {
  idempotencyKey: string;
  /** Salted hash of the client network; see client-key.ts. */
  clientKey: () => Promise<string>;
  limiter?: RateLimit;
  turnstileSecret?: string;
  now: Date;
}

/**
 * Turnstile, then the per-network limit: the last gate before a public write
 * (a questionnaire's answers, a suggestion), so that only a request that is
 * valid and about to be stored spends the client's budget (the limiter
 * binding can only consume, never peek). `bucket` keeps the budgets of
 * different kinds of write apart on the one limiter.
 */
export async function admit(ctx: AbuseControls, turnstileToken: string | undefined, bucket = ''): Promise<void> {
  if (ctx.turnstileSecret) await verifyTurnstile(ctx.turnstileSecret, turnstileToken, ctx.idempotencyKey);
  if (ctx.limiter) {
    const { success } = await ctx.limiter.limit({ key: `${bucket}${await ctx.clientKey()}` });
    if (!success) throw new AppError('rate-limited', 'Too many submissions from your network; please wait a minute.', { headers: { 'Retry-After': '60' } });
  }
}
