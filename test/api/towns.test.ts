import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ListDetailSchema } from '../../worker/schemas/lists.ts';
import { HistorySchema, TownPageSchema, TownSchema } from '../../worker/schemas/towns.ts';
import { get, getJson, getParsed } from '../helpers.ts';

type Page = ReturnType<typeof TownPageSchema.parse>;

async function page(query: string): Promise<Page> {
  const { res, body } = await getJson(`/api/v1/towns?${query}`);
  expect(res.status, query).toBe(200);
  return TownPageSchema.parse(body);
}

/** Follows next_cursor to the end and returns every id in order. */
async function walk(query: string, limit: number): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const res = await get(`/api/v1/towns?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const body = TownPageSchema.parse(await res.json());
    if (body.next_cursor) expect(res.headers.get('Link')).toContain('rel="next"');
    else expect(res.headers.get('Link')).toBeNull();
    ids.push(...body.items.map((t) => t.id));
    total = body.total;
    cursor = body.next_cursor;
  } while (cursor);
  return { ids, total };
}

describe('GET /api/v1/towns', () => {
  it('finds 长沟镇 by pinyin, by Chinese name and by initials', async () => {
    for (const q of ['changgou', '长沟', 'cgz', 'Chang Gou']) {
      const body = await page(`q=${encodeURIComponent(q)}`);
      expect(
        body.items.map((t) => t.name),
        q,
      ).toContain('长沟镇');
    }
  });

  it('pages to the end in every sort order with no duplicate or missing town', async () => {
    const everything = await page('limit=500&sort=id');
    for (const sort of ['name', '-name', 'province', 'id']) {
      const { ids, total } = await walk(`sort=${sort}`, 97);
      expect(new Set(ids).size, sort).toBe(ids.length);
      expect(ids.length, sort).toBe(total);
      expect(total).toBe(everything.total);
    }
  });

  it('orders by pinyin, and the reverse for -name', async () => {
    const asc = (await page('sort=name&limit=500')).items.map((t) => t.name_pinyin);
    expect([...asc].sort()).toEqual(asc);
    const desc = (await page('sort=-name&limit=500')).items.map((t) => t.name_pinyin);
    expect([...desc].sort().reverse()).toEqual(desc);
  });

  it('applies each filter to every item', async () => {
    const checks: [string, (t: Page['items'][number]) => boolean][] = [
      ['province=浙江省', (t) => t.province === '浙江省'],
      ['city=承德市', (t) => t.city === '承德市'],
      ['county=房山区', (t) => t.county === '房山区'],
      ['level=provincial', (t) => t.memberships.some((m) => m.level === 'provincial')],
      ['list=sport-2017-pilot-batch1', (t) => t.memberships.some((m) => m.list_id === 'sport-2017-pilot-batch1')],
      ['status=eliminated', (t) => t.memberships.some((m) => m.status === 'eliminated')],
      ['status=retained', (t) => t.memberships.some((m) => m.status === 'retained')],
      [
        'status=approved&list=mohurd-2016-batch1',
        (t) => t.memberships.some((m) => m.list_id === 'mohurd-2016-batch1' && m.status === 'approved'),
      ],
    ];
    for (const [query, ok] of checks) {
      const body = await page(`${query}&limit=500`);
      expect(body.items.length, query).toBeGreaterThan(0);
      expect(body.items.every(ok), query).toBe(true);
      expect(body.total, query).toBe(body.items.length);
    }
  });

  it('makes approved, retained and eliminated one filter away each, and together they cover the current statuses', async () => {
    const { results } = await env.DB.prepare('SELECT current_status AS s, COUNT(DISTINCT town_id) AS n FROM memberships GROUP BY 1').all<{
      s: string;
      n: number;
    }>();
    for (const status of ['approved', 'retained', 'eliminated']) {
      const expected = results.find((r) => r.s === status)?.n ?? 0;
      expect((await page(`status=${status}&limit=1`)).total, status).toBe(expected);
    }
  });

  it('answers as_of with the status each town had on that day, before and after a change', async () => {
    // A membership whose dated events changed its status: found in the data, not hard-coded.
    const change = await env.DB.prepare(
      `SELECT a.town_id, a.list_id, a.status AS before_status, a.effective_on AS before_on, b.status AS after_status, b.effective_on AS after_on
       FROM status_events a JOIN status_events b ON b.membership_id = a.membership_id
       WHERE a.effective_on IS NOT NULL AND b.effective_on > a.effective_on AND a.status <> b.status
         AND NOT EXISTS (SELECT 1 FROM status_events c WHERE c.membership_id = a.membership_id AND c.effective_on > a.effective_on AND c.effective_on < b.effective_on)
         AND NOT EXISTS (SELECT 1 FROM status_events c WHERE c.membership_id = a.membership_id AND c.effective_on = b.effective_on AND c.id <> b.id)
         AND NOT EXISTS (SELECT 1 FROM status_events c WHERE c.membership_id = a.membership_id AND c.effective_on = a.effective_on AND c.id <> a.id)
         AND NOT EXISTS (SELECT 1 FROM status_events c WHERE c.membership_id = a.membership_id AND c.effective_on < a.effective_on)
       LIMIT 1`,
    ).first<{ town_id: string; list_id: string; before_status: string; before_on: string; after_status: string; after_on: string }>();
    expect(change).not.toBeNull();
    const statusOn = async (date: string) => {
      const body = await page(`list=${change!.list_id}&as_of=${date}&limit=500`);
      return body.items.find((t) => t.id === change!.town_id)?.memberships.find((m) => m.list_id === change!.list_id)?.status;
    };
    const dayBefore = new Date(Date.parse(change!.before_on) - 86_400_000).toISOString().slice(0, 10);
    expect(await statusOn(dayBefore)).toBeUndefined();
    expect(await statusOn(change!.before_on)).toBe(change!.before_status);
    expect(await statusOn(change!.after_on)).toBe(change!.after_status);
    expect(await statusOn('2099-12-31')).toBeDefined();
  });

  it('lists on a date only the towns listed by then', async () => {
    const before = await page('list=mohurd-2016-batch1&as_of=2016-10-13&limit=1');
    const on = await page('list=mohurd-2016-batch1&as_of=2016-10-14&limit=1');
    const { body: list } = await getParsed(ListDetailSchema, '/api/v1/lists/mohurd-2016-batch1');
    expect(before.total).toBe(0);
    expect(on.total).toBe(list.town_count);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=abc', 'limit'],
    ['as_of=2019-13-45', 'as_of'],
    ['as_of=2019-02-30', 'as_of'],
    ['status=gone', 'status'],
    ['level=galactic', 'level'],
    ['sort=random', 'sort'],
    ['list=no-such-list', 'list'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=red', 'colour'],
    [`q=${'x'.repeat(51)}`, 'q'],
  ])('rejects %s with a 400 naming %s', async (query, name) => {
    const { res, body } = await getParsed(ProblemSchema, `/api/v1/towns?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(body.type).toMatch(/^urn:tesexiaozhen:problem:invalid-/);
    expect(body.detail).toContain(name);
    expect(body.errors?.map((e) => e.name)).toContain(name);
  });

  it('refuses a cursor made for another sort order', async () => {
    const first = await page('sort=name&limit=2');
    const { res } = await getParsed(ProblemSchema, `/api/v1/towns?sort=province&limit=2&cursor=${first.next_cursor}`);
    expect(res.status).toBe(400);
  });

  it('treats LIKE wildcards in q as plain characters', async () => {
    expect((await page('q=%25')).total).toBe(0);
    expect((await page('q=_')).total).toBe(0);
  });
});

describe('GET /api/v1/towns/{id}', () => {
  it('returns the town with every list it is on and its status there', async () => {
    const { body: found } = await getParsed(TownPageSchema, '/api/v1/towns?q=changgou');
    const { res, body } = await getJson(`/api/v1/towns/${found.items[0]!.id}`);
    expect(res.status).toBe(200);
    const town = TownSchema.parse(body);
    expect(town).toMatchObject({ name: '长沟镇', name_pinyin: 'chang gou zhen', province: '北京市', county: '房山区' });
    expect(town.memberships).toContainEqual(
      expect.objectContaining({ list_id: 'mohurd-2016-batch1', status: 'approved', status_since: '2016-10-14', confidence: 'high' }),
    );
  });

  it('is one town with several memberships when several lists name it', async () => {
    const row = await env.DB.prepare('SELECT town_id FROM memberships GROUP BY town_id HAVING COUNT(*) > 1 LIMIT 1').first<{
      town_id: string;
    }>();
    const town = TownSchema.parse((await getJson(`/api/v1/towns/${row!.town_id}`)).body);
    expect(town.memberships.length).toBeGreaterThan(1);
  });

  it('answers 404 problem+json for an unknown town', async () => {
    const { res, body } = await getParsed(ProblemSchema, '/api/v1/towns/beijing-nowhere');
    expect(res.status).toBe(404);
    expect(body).toMatchObject({ type: 'urn:tesexiaozhen:problem:town-not-found', title: 'Town not found', status: 404 });
    expect(body.detail).toContain('beijing-nowhere');
    expect((await getParsed(ProblemSchema, '/api/v1/towns/beijing-nowhere/history')).res.status).toBe(404);
  });
});

describe('GET /api/v1/towns/{id}/history', () => {
  it('gives every dated event with its source document, oldest first', async () => {
    const row = await env.DB.prepare('SELECT town_id FROM status_events GROUP BY town_id ORDER BY COUNT(*) DESC LIMIT 1').first<{
      town_id: string;
    }>();
    const history = HistorySchema.parse((await getJson(`/api/v1/towns/${row!.town_id}/history`)).body);
    const { results } = await env.DB.prepare('SELECT effective_on FROM status_events WHERE town_id = ? ORDER BY effective_on, id')
      .bind(row!.town_id)
      .all<{ effective_on: string | null }>();
    expect(history.items.length).toBe(results.length);
    expect(history.items.length).toBeGreaterThan(1);
    for (const event of history.items) {
      expect(event.source ?? event.source_urls.length).toBeTruthy();
    }
  });

  it('shows a gap as null, never as an invented date', async () => {
    const row = await env.DB.prepare('SELECT town_id FROM status_events WHERE effective_date IS NULL LIMIT 1').first<{ town_id: string }>();
    const history = HistorySchema.parse((await getJson(`/api/v1/towns/${row!.town_id}/history`)).body);
    const undated = history.items.find((e) => e.effective_date === null)!;
    expect(undated.date_precision).toBeNull();
  });
});
