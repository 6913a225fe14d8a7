import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { enterpriseCode, fullAnswers } from '../helpers.ts';
import { expectRollupsEqualRecount } from '../recount.ts';

/** The D1 binding, counting the round trips (a batch is one) and the statements sent through it. */
function counting(real: D1Database, log: { roundTrips: number; statements: string[] }): D1Database {
  const sqlOf = new WeakMap<object, string>();
  const statement = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    sqlOf.set(s, sql);
    const bind = s.bind.bind(s);
    s.bind = (...values: unknown[]) => statement(bind(...values), sql);
    for (const run of ['first', 'all', 'run', 'raw'] as const) {
      const original = (s[run] as (...a: unknown[]) => Promise<unknown>).bind(s);
      (s as unknown as Record<string, unknown>)[run] = (...a: unknown[]) => {
        log.roundTrips += 1;
        log.statements.push(sql);
        return original(...a);
      };
    }
    return s;
  };
  const wrap = <T extends D1Database | D1DatabaseSession>(db: T): T =>
    new Proxy(db, {
      get(target, prop) {
        if (prop === 'withSession') return (arg?: string) => wrap((target as D1Database).withSession(arg));
        if (prop === 'prepare') return (sql: string) => statement(target.prepare(sql), sql);
        if (prop === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            log.roundTrips += 1;
            log.statements.push(...statements.map((s) => sqlOf.get(s) ?? '?'));
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return wrap(real);
}

function post(survey: string, body: unknown, key: string, ip: string, bindings: Env = env) {
  return worker.fetch(
    new Request(`https://example.test/api/v1/surveys/${survey}/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'CF-Connecting-IP': ip },
      body: JSON.stringify(body),
    }),
    bindings,
  );
}

const consent = { participation: true };

describe('what a submission costs in D1', () => {
  it('is one read and one batch: 11 statements for the public questionnaire, 8 for the enterprise one; a replay is the read alone', async () => {
    // The day's salt is made once per isolate and day (two more round trips): made here, before counting.
    const publicAnswers = await fullAnswers('public');
    expect(
      (
        await post(
          'public',
          { town_id: 'beijing-changgouzhen', answers: publicAnswers, consent },
          `cost-warm-${crypto.randomUUID()}`,
          '203.0.113.1',
        )
      ).status,
    ).toBe(201);

    const cost = async (survey: string, body: unknown, key: string) => {
      const log = { roundTrips: 0, statements: [] as string[] };
      const res = await post(survey, body, key, '203.0.113.2', { ...env, DB: counting(env.DB, log) });
      expect(res.status).toBe(201);
      return { ...log, replayed: res.headers.get('Idempotent-Replayed') === 'true' };
    };
    const key = `cost-public-${crypto.randomUUID()}`;
    const body = { town_id: 'beijing-changgouzhen', answers: publicAnswers, consent };
    const stored = await cost('public', body, key);
    expect(stored).toMatchObject({ roundTrips: 2, replayed: false });
    expect(stored.statements).toHaveLength(1 + 11);
    // The statements of the other audience's rule are not sent: no claim for the public questionnaire.
    expect(stored.statements.some((s) => /enterprise_claims/.test(s))).toBe(false);

    const replay = await cost('public', body, key);
    expect(replay).toMatchObject({ roundTrips: 1, replayed: true });

    const enterprise = await cost(
      'enterprise',
      { town_id: 'beijing-changgouzhen', answers: await fullAnswers('enterprise'), consent, enterprise_code: enterpriseCode() },
      `cost-ent-${crypto.randomUUID()}`,
    );
    expect(enterprise).toMatchObject({ roundTrips: 2, replayed: false });
    expect(enterprise.statements).toHaveLength(1 + 8);
    // A wave published after it closes takes no steps, and the enterprise questionnaire keeps no duplicate signal.
    expect(enterprise.statements.some((s) => /published_|duplicate_signals/.test(s))).toBe(false);
  });

  it('keeps every rollup and every published step equal to a recount after mixed submissions: duplicates, steps, both audiences', async () => {
    const towns = (await env.DB.prepare('SELECT id FROM towns ORDER BY id LIMIT 3 OFFSET 90').all<{ id: string }>()).results.map(
      (r) => r.id,
    );
    const publicAnswers = await fullAnswers('public');
    const enterpriseAnswers = await fullAnswers('enterprise');
    const sends: Promise<Response>[] = [];
    for (let i = 0; i < 75; i++) {
      // Two submissions per network (the limit is 10 a minute); every fourth repeats, from the same network, the
      // town and answers of the one before it: a probable duplicate.
      const ip = `198.51.100.${Math.floor(i / 2)}`;
      const j = i % 4 === 3 ? i - 1 : i;
      const body = { town_id: towns[j % towns.length], answers: { ...publicAnswers, overall: (j % 5) + 1 }, consent };
      sends.push(Promise.resolve(post('public', body, `mix-${i}-${crypto.randomUUID()}`, ip)));
      if (i % 5 === 0) {
        const enterprise = { town_id: towns[i % towns.length], answers: enterpriseAnswers, consent, enterprise_code: enterpriseCode() };
        sends.push(Promise.resolve(post('enterprise', enterprise, `mix-e-${i}-${crypto.randomUUID()}`, `192.0.2.${i}`)));
      }
    }
    const statuses = await Promise.all(sends.map(async (p) => (await p).status));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const duplicates = (await env.DB.prepare('SELECT COUNT(*) AS n FROM responses WHERE probable_duplicate = 1').first<number>('n'))!;
    expect(duplicates).toBeGreaterThan(0);
    const steps = (await env.DB.prepare('SELECT COUNT(*) AS n FROM published_responses WHERE town_id IN (SELECT value FROM json_each(?))')
      .bind(JSON.stringify(towns))
      .first<number>('n'))!;
    expect(steps).toBeGreaterThan(0);

    await expectRollupsEqualRecount();
    await expectRollupsEqualRecount({ published: true });
  }, 120_000);
});
