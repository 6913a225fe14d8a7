import { AppError } from '../../errors.ts';
import { sha256Hex } from '../../lib/hash.ts';

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** Turnstile's client script: the only script the site loads from elsewhere (allowed by the CSP's script-src). */
export const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js';

/**
 * Siteverify's idempotency_key is a UUID per token: a retry that sends the
 * same token again must send the same UUID, a new token needs a new one. So it
 * is derived from the submission's Idempotency-Key and the token: a retried
 * submission is not refused as "already spent", and a fresh challenge after a
 * refusal is verified afresh.
 */
async function siteverifyKey(idempotencyKey: string, token: string): Promise<string> {
  const h = await sha256Hex(`${idempotencyKey}\n${token}`);
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Verifies a Turnstile token, failing closed: a missing token, a refusal, a
 * timeout or a server error all reject the submission.
 */
export async function verifyTurnstile(secret: string, token: string | undefined, idempotencyKey: string): Promise<void> {
  if (!token) {
    throw new AppError(
      'verification-failed',
      "This service requires a Turnstile token: turnstile_token in the JSON body, cf-turnstile-response in the site's form.",
    );
  }
  let outcome: { success?: boolean } | undefined;
  try {
    const res = await fetch(SITEVERIFY, {
      method: 'POST',
      body: new URLSearchParams({ secret, response: token, idempotency_key: await siteverifyKey(idempotencyKey, token) }),
      signal: AbortSignal.timeout(5000),
    });
    if (res.ok) outcome = (await res.json()) as { success?: boolean };
  } catch {
    outcome = undefined;
  }
  if (!outcome) {
    throw new AppError('service-unavailable', 'Human verification is unavailable right now; please retry.', {
      headers: { 'Retry-After': '5' },
    });
  }
  if (outcome.success !== true)
    throw new AppError('verification-failed', 'Human verification failed; please complete the challenge again.');
}
