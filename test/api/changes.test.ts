import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import worker from '../../worker/index.ts';
import { ChangePageSchema } from '../../worker/schemas/changes.ts';
import { HistorySchema, TownPageSchema, TownSchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, parseAs } from '../helpers.ts';

/** Straight to the worker's fetch: this file makes over a thousand requests (see robustness/fuzz.test.ts). */
async function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<any> {
  const headers: Record<string, string> = adminHeaders('admin');
  if (body !== undefined) headers['Content-Type'] = contentType;
  const res = await worker.fetch(
    new Request(`https://example.test${path}`, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    env,
  );
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

type Replica = Map<string, any>;

/** Follows the feed from `since` to its end, applying each change to `replica`; returns where to poll next. */
async function follow(replica: Replica, since = '0'): Promise<{ since: string; applied: any[] }> {
  const applied: any[] = [];
  for (;;) {
    const page = parseAs(ChangePageSchema, await call('GET', `/api/v1/changes?since=${since}&limit=1000`));
    for (const change of page.items) {
      if (change.op === 'delete') replica.delete(`${change.entity}:${change.id}`);
      else replica.set(`${change.entity}:${change.id}`, change.data);
      applied.push(change);
    }
    since = page.next_since;
    if (!page.has_more) return { since, applied };
  }
}

/** The same records built from the public collections, as a client without the feed would download them. */
async function fullDownload(): Promise<Replica> {
  const records: Replica = new Map();
  const withSourceId = ({ source, ...rest }: any) => ({ ...rest, source_id: source?.id ?? null });
  for (const s of (await call('GET', '/api/v1/sources')).items) records.set(`source:${s.id}`, s);
  for (const f of (await call('GET', '/api/v1/reported-figures')).items) records.set(`figure:${f.id}`, withSourceId(f));
  for (const l of (await call('GET', '/api/v1/lists')).items)
    records.set(`list:${l.id}`, withSourceId(await call('GET', `/api/v1/lists/${l.id}`)));
  let cursor: string | null = null;
  do {
    const page: z.output<typeof TownPageSchema> = parseAs(
      TownPageSchema,
      await call('GET', `/api/v1/towns?limit=500&sort=id${cursor ? `&cursor=${cursor}` : ''}`),
    );
    for (const summary of page.items) {
      const { memberships, ...town } = parseAs(TownSchema, await call('GET', `/api/v1/towns/${summary.id}`));
      records.set(`town:${town.id}`, town);
      for (const { list_name: _n, level: _l, ...m } of memberships)
        records.set(`membership:${town.id}/${m.list_id}`, { ...m, town_id: town.id });
      // superseded_by and scheduled are derived (from the correction, from today's date): the feed's records carry what they come from.
      for (const { list_name: _n, superseded_by: _s, scheduled: _d, ...e } of parseAs(
        HistorySchema,
        await call('GET', `/api/v1/towns/${town.id}/history`),
      ).items) {
        records.set(`event:${e.id}`, withSourceId({ ...e, town_id: town.id }));
      }
    }
    cursor = page.next_cursor;
  } while (cursor);
  return records;
}

/** Records compared with their keys in a fixed order, so two equal records print as equal. */
const canonical = (replica: Replica) => new Map([...replica].map(([k, v]) => [k, JSON.stringify(v, Object.keys(v).sort())]));

describe('change feed', () => {
  let source: string;

  beforeAll(async () => {
    source = (
      await call('POST', '/api/v1/admin/sources', { title: '变更测试通知', document_number: '测〔2026〕9号', published_on: '2026-03-01' })
    ).id;
    await call('POST', '/api/v1/admin/lists', {
      id: 'feed-test-list',
      name: '变更测试名单',
      name_en: 'Feed test list',
      level: 'national',
      kind: 'named',
      source_id: source,
      official_count: 3,
    });
    await call('POST', '/api/v1/admin/towns', {
      id: 'beijing-bianggengzhen',
      name: '变更镇',
      name_pinyin: 'bian geng zhen',
      province: '北京市',
    });
    await call('POST', '/api/v1/admin/lists/feed-test-list/towns', {
      town_id: 'beijing-bianggengzhen',
      status: 'named',
      effective_date: '2026-03-01',
      source_id: source,
    });
    const wrong = await call('POST', '/api/v1/admin/events', {
      town_id: 'beijing-changgouzhen',
      list_id: 'mohurd-2016-batch1',
      status: 'warned',
      effective_date: '2026-03-01',
      source_id: source,
    });
    await call('POST', '/api/v1/admin/events', {
      town_id: 'beijing-changgouzhen',
      list_id: 'mohurd-2016-batch1',
      status: 'retained',
      effective_date: '2026-03-01',
      source_id: source,
      supersedes: wrong.id,
    });
  });

  it('replayed from the start, it holds exactly the data of a full download', async () => {
    const replica: Replica = new Map();
    await follow(replica);
    const download = await fullDownload();
    expect(replica.size).toBeGreaterThan(2000);
    const [a, b] = [canonical(replica), canonical(download)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [key, value] of b) expect(a.get(key), key).toBe(value);
  }, 120_000);

  it('a client polling from where it stopped receives only what changed since, and ends equal again', async () => {
    const replica: Replica = new Map();
    const { since } = await follow(replica);
    await call('POST', '/api/v1/admin/events', {
      town_id: 'beijing-bianggengzhen',
      list_id: 'feed-test-list',
      status: 'warned',
      effective_date: '2026-04-01',
      source_id: source,
    });
    const { applied } = await follow(replica, since);
    expect(applied.map((c) => c.entity).sort()).toEqual(['event', 'membership']);
    expect(replica.get('membership:beijing-bianggengzhen/feed-test-list').status).toBe('warned');
    const again = await call('GET', `/api/v1/changes?since=${applied.at(-1).seq}`);
    expect(again).toEqual({ items: [], next_since: String(applied.at(-1).seq), has_more: false });
  });

  it('the Atom feed names the latest status events and lists', async () => {
    const res = await worker.fetch(new Request('https://example.test/feeds/changes.atom'), env);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('ETag')).toBeTruthy();
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(xml).toContain('<title>变更镇（北京市）：警告（含黄牌、警示案例） — 变更测试名单</title>');
    expect(xml).toContain('依据：变更测试通知（测〔2026〕9号）');
    expect(xml.match(/<entry>/g)!.length).toBe(50);
  });

  it('rejects a cursor that is not a sequence number', async () => {
    const res = await worker.fetch(new Request('https://example.test/api/v1/changes?since=abc'), env);
    expect(res.status).toBe(400);
  });
});
