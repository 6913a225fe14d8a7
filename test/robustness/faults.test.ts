import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { fullAnswers, TOWN } from '../helpers.ts';

type Fault = 'before-commit' | 'after-commit';

/**
 * The real D1 binding with one fault injected into the next batch that writes
 * a survey response: D1 refuses it ("overloaded", nothing written), or D1
 * commits it and the connection drops before the worker hears back.
 */
function faultyD1(real: D1Database, fault: Fault): D1Database {
  let armed = true;
  const sqlOf = new WeakMap<object, string>();
  const wrapSession = <T extends D1Database | D1DatabaseSession>(db: T): T =>
    new Proxy(db, {
      get(target, prop) {
        if (prop === 'withSession') return (arg?: string) => wrapSession((target as D1Database).withSession(arg));
        if (prop === 'prepare') {
          return (sql: string) => {
            const statement = target.prepare(sql);
            sqlOf.set(statement, sql);
            const bind = statement.bind.bind(statement);
            statement.bind = (...values: unknown[]) => {
              const bound = bind(...values);
              sqlOf.set(bound, sql);
              return bound;
            };
            return statement;
          };
        }
        if (prop === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            const writesResponse = statements.some((s) => /insert into "responses"/i.test(sqlOf.get(s) ?? ''));
            if (!armed || !writesResponse) return target.batch(statements);
            armed = false;
            if (fault === 'before-commit') throw new Error('D1_ERROR: D1 DB is overloaded. Requests queued for too long.');
            await target.batch(statements);
            throw new Error('D1_ERROR: Network connection lost.');
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return wrapSession(real);
}

const count = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n'))!;
const rollup = async () => (await env.DB.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM rollup_responses').first<number>('n'))!;

async function submit(key: string, bindings: Env) {
  const body = { town_id: TOWN, answers: await fullAnswers('enterprise'), consent: { participation: true } };
  return worker.fetch(
    new Request('https://example.test/api/v1/surveys/enterprise/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'CF-Connecting-IP': '192.0.2.201' },
      body: JSON.stringify(body),
    }),
    bindings,
  );
}

describe('D1 failing in the middle of a submission', () => {
  it.each<Fault>(['before-commit', 'after-commit'])('%s: 503 with Retry-After, nothing half-written, and the retry stores it exactly once', async (fault) => {
    const key = `fault-${fault}-${crypto.randomUUID()}`;
    const [responsesBefore, rollupBefore] = [await count(), await rollup()];

    const failed = await submit(key, { ...env, DB: faultyD1(env.DB, fault) });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('Retry-After')).toBeTruthy();
    const problem = await failed.json<{ type: string; detail: string }>();
    expect(problem.type).toBe('urn:tesexiaozhen:problem:service-unavailable');
    expect(JSON.stringify(problem)).not.toMatch(/D1_ERROR|insert/i);
    // All or nothing: the response and its rollup together, or neither.
    const stored = fault === 'after-commit' ? 1 : 0;
    expect(await count()).toBe(responsesBefore + stored);
    expect(await rollup()).toBe(rollupBefore + stored);

    const retry = await submit(key, env);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe(fault === 'after-commit' ? 'true' : null);
    const again = await submit(key, env);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await retry.json());
    expect(await count()).toBe(responsesBefore + 1);
    expect(await rollup()).toBe(rollupBefore + 1);
  });
});
