import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ReceiptSchema } from '../../worker/schemas/surveys.ts';
import { adminHeaders, fullAnswers, JSON_BODY, KNOWN_TOWN, parseAs, submit } from '../helpers.ts';

/**
 * A wave change is checked against the wave's responses before it is written, and a response can arrive in
 * between. This D1 lets `arrive` run just before the first batch that changes survey_waves, as a submission
 * committing in that moment would.
 */
function arrivingBeforeTheChange(real: D1Database, arrive: () => Promise<unknown>): D1Database {
  let armed = true;
  const sqlOf = new WeakMap<object, string>();
  const wrap = <T extends D1Database | D1DatabaseSession>(db: T): T =>
    new Proxy(db, {
      get(target, prop) {
        if (prop === 'withSession') return (arg?: string) => wrap((target as D1Database).withSession(arg));
        if (prop === 'prepare') {
          return (query: string) => {
            const statement = target.prepare(query);
            const bind = statement.bind.bind(statement);
            statement.bind = (...values: unknown[]) => {
              const bound = bind(...values);
              sqlOf.set(bound, query);
              return bound;
            };
            sqlOf.set(statement, query);
            return statement;
          };
        }
        if (prop === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            if (armed && statements.some((s) => /update "survey_waves"/i.test(sqlOf.get(s) ?? ''))) {
              armed = false;
              await arrive();
            }
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return wrap(real);
}

const patch = (body: unknown, db: D1Database) =>
  worker.fetch(
    new Request('https://example.test/api/v1/admin/surveys/public/waves/public-w1', {
      method: 'PATCH',
      headers: adminHeaders('surveys', JSON_BODY),
      body: JSON.stringify(body),
    }),
    { ...env, DB: db },
  );

describe('a wave change and a response arriving at the same moment', () => {
  it('refuses a closing that the arriving response would fall after, and writes neither the change nor its audit entry', async () => {
    const closesAt = new Date(Date.now() + 60_000).toISOString();
    const audits = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'wave'").first<number>('n'))!;
    const before = await audits();
    // The response arrives "after" the new closing: written straight into D1 with that time, as a clock a minute ahead would.
    const res = await patch(
      { closes_at: closesAt },
      arrivingBeforeTheChange(env.DB, async () => {
        const stored = await submit('public', {
          town_id: KNOWN_TOWN,
          answers: await fullAnswers('public'),
          consent: { participation: true },
        });
        expect(stored.status).toBe(201);
        const { receipt } = parseAs(ReceiptSchema, await stored.json());
        await env.DB.prepare('UPDATE responses SET submitted_at = ? WHERE id = ?')
          .bind(new Date(Date.now() + 120_000).toISOString(), receipt)
          .run();
      }),
    );
    expect(res.status).toBe(422);
    expect(parseAs(ProblemSchema, await res.json()).detail).toMatch(/arrived while the wave was being changed/);
    expect(await env.DB.prepare("SELECT closes_at FROM survey_waves WHERE id = 'public-w1'").first('closes_at')).toBeNull();
    expect(await audits()).toBe(before);
  });

  it('refuses to switch the rule of a wave whose first response arrives in that moment', async () => {
    await env.DB.batch([
      env.DB.prepare("UPDATE survey_waves SET closes_at = '2030-01-01T00:00:00.000Z' WHERE id = 'public-w1'"),
      env.DB.prepare(
        "INSERT INTO survey_waves (id, survey_id, version_id, name, name_en, opens_at, closes_at, publication) VALUES ('public-later', 'public', 'public-v1', '后', 'Later', '2030-01-01T00:00:00.000Z', NULL, 'live_in_steps')",
      ),
    ]);
    const res = await worker.fetch(
      new Request('https://example.test/api/v1/admin/surveys/public/waves/public-later', {
        method: 'PATCH',
        headers: adminHeaders('surveys', JSON_BODY),
        body: JSON.stringify({ publication: 'after_close' }),
      }),
      {
        ...env,
        DB: arrivingBeforeTheChange(env.DB, () =>
          env.DB.prepare(
            "INSERT INTO responses (id, survey_version_id, wave_id, town_id, submitted_at) VALUES ('r-race', 'public-v1', 'public-later', ?, '2030-01-01T00:00:01.000Z')",
          )
            .bind(KNOWN_TOWN)
            .run(),
        ),
      },
    );
    expect(res.status).toBe(422);
    expect(await env.DB.prepare("SELECT publication FROM survey_waves WHERE id = 'public-later'").first('publication')).toBe(
      'live_in_steps',
    );
  });
});
