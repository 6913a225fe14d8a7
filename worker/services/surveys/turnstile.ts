import { AppError } from '../../errors.ts';

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/**
 * Verifies a Turnstile token, failing closed: a missing token, a refusal, a
 * timeout or a server error all reject the submission. The Idempotency-Key
 * goes along so that a retried submission is not refused as "already spent".
 */
export async function verifyTurnstile(secret: string, token: string | undefined, idempotencyKey: string): Promise<void> {
  if (!token) throw new AppError('verification-failed', 'This service requires a Turnstile token (turnstile_token).');
  let outcome: { success?: boolean } | undefined;
  try {
    const res = await fetch(SITEVERIFY, {
      method: 'POST',
      body: new URLSearchParams({ secret, response: token, idempotency_key: idempotencyKey }),
      signal: AbortSignal.timeout(5000),
    });
    if (res.ok) outcome = (await res.json()) as { success?: boolean };
  } catch {
    outcome = undefined;
  }
  if (!outcome) {
    throw new AppError('service-unavailable', 'Human verification is unavailable right now; please retry.', { headers: { 'Retry-After': '5' } });
  }
  if (outcome.success !== true) throw new AppError('verification-failed', 'Human verification failed; please complete the challenge again.');
}
