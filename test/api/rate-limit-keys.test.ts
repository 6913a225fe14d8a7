import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReceiptSchema } from '../../worker/schemas/surveys.ts';
import { fullAnswers, KNOWN_TOWN, newKey, parseAs, submit, withinOneRateWindow } from '../helpers.ts';

// The local limiter is exact: 10 submissions a minute per key. Its state is shared by the tests of this file,
// so every test uses addresses of its own. Each test spends a budget within one of the limiter's windows.
beforeEach(() => withinOneRateWindow(), 70_000);
const consent = { participation: true };
const count = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n')) ?? 0;

async function valid(ip: string, key = newKey()) {
  return submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent }, { ip, key });
}

/** Spends a client's whole budget with valid submissions, checking each was stored. */
async function exhaust(ip: string) {
  for (let i = 0; i < 10; i++) expect((await valid(ip)).status, `submission ${i + 1} from ${ip}`).toBe(201);
}

describe('rate-limit keys: one bucket per client network, whatever its spelling', { timeout: 90_000 }, () => {
  it('counts every spelling of one IPv6 /64 against one budget (leading zeros, upper case, full form, other hosts)', async () => {
    await exhaust('2001:db8:77:1::1');
    for (const ip of [
      '2001:0db8:0077:0001:0000:0000:0000:0001',
      '2001:DB8:77:1::1',
      '2001:db8:77:1:0:0:0:1',
      '2001:db8:77:1:ffff::9',
      '2001:db8:77:1::1%eth0',
    ]) {
      const res = await valid(ip);
      expect(res.status, ip).toBe(429);
      expect(res.headers.get('Retry-After')).toBe('60');
    }
    // The next /64 is another network.
    expect((await valid('2001:db8:77:2::1')).status).toBe(201);
  });

  it('keys IPv4-mapped clients by their IPv4 address: not one bucket for all of them', async () => {
    await exhaust('::ffff:192.0.2.10');
    expect((await valid('::ffff:192.0.2.10')).status).toBe(429);
    expect((await valid('192.0.2.10')).status, 'the same client over IPv4').toBe(429);
    expect((await valid('::ffff:c000:20a')).status, 'the same client in hex').toBe(429);
    expect((await valid('::ffff:192.0.2.11')).status, 'another client').toBe(201);
  });

  it('answers a garbled CF-Connecting-IP without crashing, and puts all garbage in one shared bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await valid(`garbage-${i}`)).status);
    expect(statuses).toEqual(Array(10).fill(201));
    for (const ip of ['garbage-10', 'not an address', '2001:db8::1::2', '999.1.1.1', '[::1]'])
      expect((await valid(ip)).status, ip).toBe(429);
  });
});

describe('rate limit: only stored submissions spend the budget', { timeout: 90_000 }, () => {
  it('does not count 400s (invalid answers, no consent), 422s, 404s (unknown town), 409s (closed survey) or replays', async () => {
    const ip = '203.0.113.50';
    const answers = await fullAnswers('public');
    const stored = await valid(ip, 'rl-first-submission-key');
    expect(stored.status).toBe(201);
    const receipt = parseAs(ReceiptSchema, await stored.json());
    for (let i = 0; i < 12; i++) {
      // invalid answers
      expect((await submit('public', { town_id: KNOWN_TOWN, answers: { ...answers, overall: 99 }, consent }, { ip })).status).toBe(400);
      // no consent
      expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent: { participation: false } }, { ip })).status).toBe(400);
      // unknown town
      expect((await submit('public', { town_id: 'nowhere-zhen', answers, consent }, { ip })).status).toBe(404);
      // the same key with another body
      expect(
        (
          await submit(
            'public',
            { town_id: KNOWN_TOWN, answers: { ...answers, overall: 1 }, consent },
            { ip, key: 'rl-first-submission-key' },
          )
        ).status,
      ).toBe(422);
      // a retry after a lost reply: the first receipt, without spending anything
      const retry = await submit('public', { town_id: KNOWN_TOWN, answers, consent }, { ip, key: 'rl-first-submission-key' });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
      expect(await retry.json()).toEqual(receipt);
    }
    await env.DB.prepare("UPDATE survey_waves SET closes_at = '2026-11-02T00:00:00Z' WHERE id = 'enterprise-w2'").run();
    try {
      for (let i = 0; i < 12; i++) {
        expect(
          (await submit('enterprise', { town_id: KNOWN_TOWN, answers: await fullAnswers('enterprise'), consent }, { ip })).status,
        ).toBe(409);
      }
    } finally {
      await env.DB.prepare("UPDATE survey_waves SET closes_at = NULL WHERE id = 'enterprise-w2'").run();
    }
    // The first submission was the only one stored: nine more fit in the minute, the tenth does not.
    const before = await count();
    for (let i = 0; i < 9; i++) expect((await valid(ip)).status, `stored submission ${i + 2}`).toBe(201);
    expect(await count()).toBe(before + 9);
    expect((await valid(ip)).status).toBe(429);
    // A limited client still gets the receipt of what it stored.
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent }, { ip, key: 'rl-first-submission-key' })).status).toBe(201);
  });

  it('stores nothing for a submission refused by the limit', async () => {
    const ip = '203.0.113.51';
    await exhaust(ip);
    const before = await count();
    const key = newKey();
    expect((await valid(ip, key)).status).toBe(429);
    expect(await count()).toBe(before);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = ?').bind(key).first<number>('n')).toBe(0);
  });
});
