import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('D1 as the service relies on it', () => {
  it('rolls back a whole batch when one statement fails', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM sources').first<number>('n');
    await expect(
      env.DB.batch([
        env.DB.prepare("INSERT INTO sources (id, title, urls) VALUES ('doc-batch-test', 'x', '[]')"),
        env.DB.prepare("INSERT INTO sources (id, title, urls) VALUES ('doc-batch-test', 'duplicate id', '[]')"),
      ]),
    ).rejects.toThrow();
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM sources').first<number>('n')).toBe(before);
  });

  it('loads the data idempotently: a second load leaves the same rows', async () => {
    const count = () =>
      env.DB.prepare("SELECT (SELECT COUNT(*) FROM towns) || '/' || (SELECT COUNT(*) FROM status_events) AS n").first<string>('n');
    const first = await count();
    await env.DB.batch(env.TEST_SEED.map((s) => env.DB.prepare(s)));
    expect(await count()).toBe(first);
  });

  it('uses an index for the town filters', async () => {
    const plan = await env.DB.prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM towns WHERE province = '浙江省' ORDER BY name_pinyin, id LIMIT 50",
    ).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toContain('towns_province_idx');
    const events = await env.DB.prepare(
      "EXPLAIN QUERY PLAN SELECT status FROM status_events WHERE membership_id = 1 AND effective_on <= '2019-01-01' ORDER BY effective_on DESC, id DESC LIMIT 1",
    ).all<{ detail: string }>();
    expect(events.results.map((r) => r.detail).join(' ')).toContain('events_membership_idx');
  });
});
