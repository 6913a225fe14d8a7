import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { fullAnswers } from '../helpers.ts';
import { expectRollupsEqualRecount } from '../recount.ts';

/** The worker's own fetch with chosen bindings (see fuzz.test.ts for why not the pool's self-binding). */
function post(path: string, body: unknown, headers: Record<string, string>, bindings: Env = env) {
  return worker.fetch(
    new Request(`https://example.test${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
    bindings,
  );
}

const count = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))!;

describe('no loss under concurrency', () => {
  it('stores exactly 1,000 of 1,000 concurrent submissions of which 20% are retried at once with the same key', async () => {
    const before = await count();
    const answers = await fullAnswers('public');
    const towns = (await env.DB.prepare('SELECT id FROM towns ORDER BY id LIMIT 20 OFFSET 40').all<{ id: string }>()).results.map(
      (r) => r.id,
    );
    const requests = Array.from({ length: 1000 }, (_, i) => ({
      key: `loss-${i}-${crypto.randomUUID()}`,
      ip: `10.9.${Math.floor(i / 200)}.${i % 200}`,
      body: { town_id: towns[i % towns.length], answers: { ...answers, overall: (i % 5) + 1 }, consent: { participation: true } },
    }));
    const retried = requests.filter((_, i) => i % 5 === 0);
    const send = (r: (typeof requests)[number]) =>
      post('/api/v1/surveys/public/responses', r.body, { 'Idempotency-Key': r.key, 'CF-Connecting-IP': r.ip });
    const [first, second] = await Promise.all([Promise.all(requests.map(send)), Promise.all(retried.map(send))]);
    const statuses = [...first, ...second].map((r) => r.status);
    // A retry racing its original either replays the receipt (201) or is told to wait (409); nothing else.
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    // Anything told to wait succeeds when it retries later, with the original receipt.
    const waited = retried.filter((_, i) => second[i]!.status === 409).concat(requests.filter((_, i) => first[i]!.status === 409));
    for (const r of waited) expect((await send(r)).status).toBe(201);
    expect(await count()).toBe(before + 1000);
    const receipts = await Promise.all(first.filter((r) => r.status === 201).map((r) => r.json<{ receipt: string }>()));
    expect(new Set(receipts.map((r) => r.receipt)).size).toBe(receipts.length);
    await expectRollupsEqualRecount();
  }, 120_000);
});
