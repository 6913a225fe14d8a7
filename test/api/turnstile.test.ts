import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { verifyTurnstile } from '../../worker/services/surveys/turnstile.ts';
import { fullAnswers, KNOWN_TOWN, newKey } from '../helpers.ts';

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** The worker with a Turnstile secret configured, as production would have it. */
async function submitWithTurnstile(token: string | undefined, key = newKey()) {
  const body = { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true }, turnstile_token: token };
  const req = new Request('https://example.test/api/v1/surveys/public/responses', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'CF-Connecting-IP': '198.51.100.9' },
    body: JSON.stringify(body),
  });
  return worker.fetch(req, { ...env, TURNSTILE_SECRET: '1x0000000000000000000000000000000AA' });
}

/** Stubs only the siteverify call; anything else would be a bug. */
function stubSiteverify(answer: () => Response | Promise<Response>) {
  const calls: URLSearchParams[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== SITEVERIFY) throw new Error(`unexpected outbound fetch to ${url}`);
    calls.push(new URLSearchParams(String(init?.body)));
    return answer();
  });
  return calls;
}

afterEach(() => vi.restoreAllMocks());

describe('Turnstile, when a secret is configured', () => {
  it('accepts a verified submission and sends siteverify an idempotency_key that a retry repeats', async () => {
    const calls = stubSiteverify(() => Response.json({ success: true }));
    const key = newKey();
    const res = await submitWithTurnstile('token-ok', key);
    expect(res.status).toBe(201);
    expect(calls[0]!.get('response')).toBe('token-ok');
    // A UUID, as siteverify expects, derived from the Idempotency-Key and the token.
    const uuid = calls[0]!.get('idempotency_key');
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // A retry after a failure (its token already verified) sends the same one, so it is not refused as spent;
    // a fresh challenge (a new token) is verified under a new one.
    await verifyTurnstile('1x0000000000000000000000000000000AA', 'token-ok', key);
    await verifyTurnstile('1x0000000000000000000000000000000AA', 'token-new', key);
    expect(calls[1]!.get('idempotency_key')).toBe(uuid);
    expect(calls[2]!.get('idempotency_key')).not.toBe(uuid);
  });

  it('fails closed: no token, a refusal, a server error or a timeout all reject', async () => {
    stubSiteverify(() => Response.json({ success: false, 'error-codes': ['invalid-input-response'] }));
    expect((await submitWithTurnstile(undefined)).status).toBe(403);
    expect((await submitWithTurnstile('token-bad')).status).toBe(403);
    vi.restoreAllMocks();
    stubSiteverify(() => new Response('oops', { status: 502 }));
    const unavailable = await submitWithTurnstile('token-ok');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('Retry-After')).toBe('5');
    vi.restoreAllMocks();
    stubSiteverify(() => Promise.reject(new DOMException('timed out', 'TimeoutError')));
    expect((await submitWithTurnstile('token-ok')).status).toBe(503);
  });
});
