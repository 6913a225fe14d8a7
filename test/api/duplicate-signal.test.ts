import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { GroupedSatisfactionSchema, TownSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import { TownSchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, fullAnswers, getJson, getParsed, JSON_BODY, request, submit } from '../helpers.ts';
import { expectRollupsEqualRecount } from '../recount.ts';

// Issue 12: the public survey stays open to anyone, but the same answers sent again and again from one network
// (a town office stuffing its own results) are kept apart: stored, flagged as probable duplicates, left out of
// the results, and their share shown beside them. The signal itself links nothing to anyone.

const consent = { participation: true };
const SURVEYS = adminHeaders('surveys', JSON_BODY);

let ip = 0;
/** A network of its own for each call. */
const freshIp = () => `10.66.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;

/** A town of the data that no other test in this file writes to. */
const townAt = async (offset: number) =>
  (await env.DB.prepare('SELECT id FROM towns ORDER BY id LIMIT 1 OFFSET ?').bind(offset).first<string>('id'))!;

/** Submits and returns the stored response's flag (null when nothing was stored). */
async function send(survey: string, town: string, answers: Record<string, unknown>, address: string, extra: Record<string, unknown> = {}) {
  const res = await submit(survey, { town_id: town, answers, consent, ...extra }, { ip: address });
  expect(res.status, await res.clone().text()).toBe(201);
  const { receipt } = await res.json<{ receipt: string }>();
  return (await env.DB.prepare('SELECT probable_duplicate FROM responses WHERE id = ?').bind(receipt).first<number>('probable_duplicate'))!;
}

const rollup = (wave: string, town: string) =>
  env.DB.prepare('SELECT n, duplicates FROM rollup_wave_responses WHERE wave_id = ? AND town_id = ?')
    .bind(wave, town)
    .first<{ n: number; duplicates: number }>();
const signals = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM duplicate_signals').first<number>('n'))!;

async function publicResult(town: string) {
  const { body } = await getJson(`/api/v1/towns/${town}/satisfaction?wave=public-w1`, { 'Cache-Control': 'no-cache' });
  return TownSatisfactionSchema.parse(body).surveys[0]!;
}

describe('probable duplicates in the public survey', () => {
  it('flags the same answers from the same network on the same day, stores them, and keeps them out of the rollups', async () => {
    const town = await townAt(20);
    const answers = await fullAnswers('public', { overall: 5, recommend: 10 });
    const before = await signals();
    expect(await send('public', town, answers, '203.0.113.7')).toBe(0);
    expect(await send('public', town, answers, '203.0.113.7')).toBe(1);
    // The same answers in another order are the same answers.
    const reordered = Object.fromEntries(Object.entries(answers).reverse());
    expect(await send('public', town, reordered, '203.0.113.7')).toBe(1);
    // IPv4-mapped IPv6 is the same IPv4 network.
    expect(await send('public', town, answers, '::ffff:203.0.113.7')).toBe(1);
    // Stored, all four, with their answers...
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM responses WHERE town_id = ?').bind(town).first<number>('n')).toBe(4);
    // ...counted apart: one in the results, three as duplicates.
    expect(await rollup('public-w1', town)).toEqual({ n: 1, duplicates: 3 });
    const overall = await env.DB.prepare(
      "SELECT n, sum FROM rollup_wave_dimensions WHERE wave_id = 'public-w1' AND town_id = ? AND dimension = 'overall'",
    )
      .bind(town)
      .first();
    expect(overall).toEqual({ n: 1, sum: 100 });
    const fives = await env.DB.prepare(
      "SELECT n FROM rollup_wave_answers WHERE wave_id = 'public-w1' AND town_id = ? AND question_id = 'overall' AND value = '5'",
    )
      .bind(town)
      .first<number>('n');
    expect(fives).toBe(1);
    // One signal for the one answer vector, however often it came.
    expect(await signals()).toBe(before + 1);
  });

  it('treats another spelling of the same IPv6 /64 as the same network', async () => {
    const town = await townAt(21);
    const answers = await fullAnswers('public', { overall: 2, env_clean: 'na' });
    expect(await send('public', town, answers, '2001:db8:aa:1::1')).toBe(0);
    for (const spelling of ['2001:0DB8:00AA:0001:0000:0000:0000:0001', '2001:db8:aa:1:ffff:1:2:3', '2001:db8:aa:1::1%eth0']) {
      expect(await send('public', town, answers, spelling), spelling).toBe(1);
    }
    // The next /64 is another network.
    expect(await send('public', town, answers, '2001:db8:aa:2::1')).toBe(0);
    expect(await rollup('public-w1', town)).toEqual({ n: 2, duplicates: 3 });
  });

  it('does not flag different answers from one network, nor the same answers from another network', async () => {
    const town = await townAt(22);
    const answers = await fullAnswers('public', { overall: 3 });
    expect(await send('public', town, answers, '198.18.5.5')).toBe(0);
    expect(await send('public', town, { ...answers, overall: 4 }, '198.18.5.5')).toBe(0);
    expect(await send('public', town, { ...answers, comment: '另一条意见' }, '198.18.5.5')).toBe(0);
    expect(await send('public', town, answers, '198.18.5.6')).toBe(0);
    expect(await send('public', town, answers, '2001:db8:bb::1')).toBe(0);
    expect(await rollup('public-w1', town)).toEqual({ n: 5, duplicates: 0 });
  });

  it("does not flag the same answers from one network for another town: they add nothing to the first town's results", async () => {
    const [first, second] = [await townAt(23), await townAt(24)];
    const answers = await fullAnswers('public', { overall: 1, recommend: 0 });
    expect(await send('public', first, answers, '198.18.9.9')).toBe(0);
    expect(await send('public', second, answers, '198.18.9.9')).toBe(0);
    expect(await rollup('public-w1', second)).toEqual({ n: 1, duplicates: 0 });
  });

  it('never flags the enterprise survey: each enterprise answers once, whatever network it shares', async () => {
    const town = await townAt(25);
    const answers = await fullAnswers('enterprise');
    const before = await signals();
    for (let i = 0; i < 4; i++) expect(await send('enterprise', town, answers, '192.0.2.44')).toBe(0);
    expect(await rollup('enterprise-w2', town)).toEqual({ n: 4, duplicates: 0 });
    expect(await signals()).toBe(before);
  });

  it('shows the share excluded beside the published results (town and group), and the rollups still equal a recount', async () => {
    const town = await townAt(26);
    const answers = await fullAnswers('public', { overall: 4 });
    expect(await send('public', town, answers, '198.18.20.1')).toBe(0);
    expect(await send('public', town, answers, '198.18.20.1')).toBe(1);
    expect(await send('public', town, answers, '198.18.20.1')).toBe(1);
    // Nine more from nine networks: ten counted, the town's first published state.
    for (let i = 0; i < 9; i++) expect(await send('public', town, answers, freshIp())).toBe(0);
    const published = await publicResult(town);
    // 2 of the 12 stored responses: 16.7 %, as a whole percentage.
    expect(published).toMatchObject({ published: true, responses: 10, suppressed: false, duplicates_excluded_percent: 17 });
    expect(published.dimensions.find((d) => d.dimension === 'overall')).toMatchObject({ n: 10, score: 75 });
    // Its province sums the published towns only: this one, the only town of this file with ten.
    const { province } = (await getParsed(TownSchema, `/api/v1/towns/${town}`)).body;
    const { body } = await getJson(`/api/v1/satisfaction?group_by=province&province=${encodeURIComponent(province)}&wave=public-w1`, {
      'Cache-Control': 'no-cache',
    });
    const group = GroupedSatisfactionSchema.parse(body).groups.find((g) => g.key === province)!.surveys[0]!;
    expect(group).toMatchObject({ responses: 10, suppressed: false, duplicates_excluded_percent: 17 });
    const csv = await (
      await request('GET', `/api/v1/towns/${town}/satisfaction?format=csv&wave=public-w1`, { headers: { 'Cache-Control': 'no-cache' } })
    ).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(row!.split(',')[header!.split(',').indexOf('duplicates_excluded_percent')]).toBe('17');
    await expectRollupsEqualRecount();
    await expectRollupsEqualRecount({ published: true });
  });

  it('keeps duplicate_signals to hashes only: one column, WITHOUT ROWID, no link to a response, a network or a time', async () => {
    const { results: columns } = await env.DB.prepare('PRAGMA table_info(duplicate_signals)').all<{ name: string; pk: number }>();
    expect(columns.map((c) => [c.name, c.pk])).toEqual([['hash', 1]]);
    const { sql } = (await env.DB.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'duplicate_signals'").first<{
      sql: string;
    }>())!;
    expect(sql).toMatch(/WITHOUT ROWID\s*$/i);
    await expect(env.DB.prepare('SELECT rowid FROM duplicate_signals').all()).rejects.toThrow(/no such column/);
    expect((await env.DB.prepare('PRAGMA foreign_key_list(duplicate_signals)').all()).results).toEqual([]);
    expect(
      (await env.DB.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'duplicate_signals' AND type <> 'table'").all()).results,
    ).toEqual([]);
    const { results } = await env.DB.prepare('SELECT hash FROM duplicate_signals').all<{ hash: string }>();
    expect(results.length).toBeGreaterThan(5);
    for (const { hash } of results) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // No hash is a response id, an Idempotency-Key's fingerprint or the network key of anything else stored.
    const elsewhere = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM duplicate_signals d WHERE d.hash IN (SELECT fingerprint FROM idempotency_keys) OR d.hash IN (SELECT id FROM responses) OR d.hash IN (SELECT hash FROM enterprise_claims)',
    ).first<number>('n');
    expect(elsewhere).toBe(0);
    // The responses carry only the flag: no column of the responses table holds a signal.
    const { results: responseColumns } = await env.DB.prepare('PRAGMA table_info(responses)').all<{ name: string }>();
    expect(responseColumns.map((c) => c.name).sort()).toEqual([
      'contact',
      'id',
      'probable_duplicate',
      'submitted_at',
      'survey_version_id',
      'town_id',
      'wave_id',
    ]);
  });

  // Last: closes the public survey's wave (storage is per file).
  it("starts afresh in a new wave: the same answers from the same network are not a duplicate of the last wave's", async () => {
    const town = await townAt(27);
    const answers = await fullAnswers('public', { overall: 2, recommend: 3 });
    expect(await send('public', town, answers, '198.18.30.3')).toBe(0);
    expect(await send('public', town, answers, '198.18.30.3')).toBe(1);
    const now = new Date().toISOString();
    expect(
      (
        await request('PATCH', '/api/v1/admin/surveys/public/waves/public-w1', {
          headers: SURVEYS,
          body: JSON.stringify({ closes_at: now }),
        })
      ).status,
    ).toBe(200);
    const created = await request('POST', '/api/v1/admin/surveys/public/waves', {
      headers: SURVEYS,
      body: JSON.stringify({
        id: 'public-w2',
        name: { zh: '第二轮', en: 'Wave 2' },
        opens_at: now,
        closes_at: null,
        publication: 'live_in_steps',
      }),
    });
    expect(created.status).toBe(201);
    expect(await send('public', town, answers, '198.18.30.3')).toBe(0);
    expect(await send('public', town, answers, '198.18.30.3')).toBe(1);
    expect(await rollup('public-w2', town)).toEqual({ n: 1, duplicates: 1 });
  });
});
