import { env } from 'cloudflare:workers';
import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../worker/db/client.ts';
import { townConditions } from '../../worker/db/queries/town-filter.ts';
import { towns } from '../../worker/db/schema.ts';
import { ChangePageSchema } from '../../worker/schemas/changes.ts';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { GroupedSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import { StatsSchema } from '../../worker/schemas/stats.ts';
import { TownPageSchema, TownSchema } from '../../worker/schemas/towns.ts';
import { parseCsv } from '../csv-reader.ts';
import { fullAnswers, get, getJson, getParsed, submit } from '../helpers.ts';

type Town = ReturnType<typeof TownPageSchema.parse>['items'][number];

/** Every town, all pages. */
async function everyTown(query = ''): Promise<{ items: Town[]; total: number }> {
  const items: Town[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const { res, body } = await getJson(`/api/v1/towns?limit=500&sort=id${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, query).toBe(200);
    const page = TownPageSchema.parse(body);
    items.push(...page.items);
    total = page.total;
    cursor = page.next_cursor;
  } while (cursor);
  return { items, total };
}

/** The most precise code a town carries: what a prefix is matched against. */
const codeOf = (t: Town) => t.township_code ?? t.county_code ?? t.city_code ?? t.province_code;

describe('official division codes of the towns', () => {
  it('gives every town codes that nest, and the national towns their township', async () => {
    const { items } = await everyTown();
    for (const t of items) {
      const code = codeOf(t);
      expect(code, t.id).toMatch(/^(\d{2}|\d{4}|\d{6}|\d{9})$/);
      // Each level is the prefix of the next one down, and a level is known only when the one above it is.
      expect([t.province_code, t.city_code, t.county_code, t.township_code]).toEqual(
        [2, 4, 6, 9].map((n) => (code!.length >= n ? code!.slice(0, n) : null)),
      );
      // A derived name is given only where the source has none.
      if (t.derived_city !== null) expect(t.city, t.id).toBeNull();
      if (t.derived_county !== null) expect(t.county, t.id).toBeNull();
    }
    const national = items.filter((t) => t.memberships.some((m) => m.list_id.startsWith('mohurd-')));
    expect(national.length).toBeGreaterThan(300);
    // The 2016 and 2017 national batches are administrative towns: the match report has a township for every one.
    expect(national.filter((t) => t.township_code === null).map((t) => t.id)).toEqual([]);
    // The provinces are one code each.
    const byProvince = new Map<string, Set<string | null>>();
    for (const t of items) byProvince.set(t.province, (byProvince.get(t.province) ?? new Set()).add(t.province_code));
    for (const [province, codes] of byProvince) expect(codes.size, province).toBe(1);
  });

  it('shows 长沟镇 with its township, county, city and province', async () => {
    const { res, body } = await getJson('/api/v1/towns/beijing-changgouzhen');
    expect(res.status).toBe(200);
    const town = TownSchema.parse(body);
    expect(town).toMatchObject({
      county: '房山区',
      city: null,
      province_code: '11',
      city_code: '1101',
      county_code: '110111',
      derived_city: null,
      derived_county: null,
    });
    expect(town.township_code).toMatch(/^110111\d{3}$/);
  });

  it.each([2, 4, 6, 9])('filters /towns by a %i-digit prefix: exactly the towns whose code starts with it', async (length) => {
    const all = (await everyTown()).items;
    const changgou = all.find((t) => t.id === 'beijing-changgouzhen')!;
    const prefix = codeOf(changgou)!.slice(0, length);
    const filtered = await everyTown(`&division_code=${prefix}`);
    const expected = all.filter((t) => codeOf(t)!.startsWith(prefix)).map((t) => t.id);
    expect(filtered.items.map((t) => t.id)).toEqual(expected);
    expect(filtered.total).toBe(expected.length);
    expect(expected).toContain('beijing-changgouzhen');
    // Combined with the other filters like any of them.
    const { body } = await getParsed(TownPageSchema, `/api/v1/towns?division_code=${prefix}&province=${encodeURIComponent('浙江省')}`);
    expect(body.total).toBe(0);
  });

  it("filters a list's towns and its CSV the same way", async () => {
    const { body } = await getJson('/api/v1/lists/mohurd-2016-batch1/towns?division_code=33&limit=500');
    const page = TownPageSchema.parse(body);
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((t) => t.province === '浙江省')).toBe(true);
  });

  it.each([
    '1',
    '123',
    '12345',
    '1234567',
    '1234567890',
    '11a',
    'ab',
    '',
    '%EF%BC%91%EF%BC%91',
    '11%25',
    '%2011',
    '11.0',
    '-11',
    '11,12',
    '1%0A1',
    '9'.repeat(60),
  ])('refuses division_code=%s with a 400 problem naming it', async (value) => {
    for (const path of ['/api/v1/towns', '/api/v1/stats', '/api/v1/satisfaction', '/api/v1/lists/mohurd-2016-batch1/towns']) {
      const { res, body } = await getParsed(ProblemSchema, `${path}?division_code=${value}`);
      expect(res.status, `${path} ${value}`).toBe(400);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
      expect(body.type).toMatch(/^urn:tesexiaozhen:problem:invalid-/);
      expect(body.errors?.map((e) => e.name)).toContain('division_code');
    }
  });

  it('counts /stats within the prefix', async () => {
    const all = (await everyTown()).items;
    for (const prefix of ['33', '3301', '110111']) {
      const { res, body } = await getJson(`/api/v1/stats?group_by=province&division_code=${prefix}`);
      expect(res.status).toBe(200);
      const stats = StatsSchema.parse(body);
      const expected = all.filter((t) => codeOf(t)!.startsWith(prefix));
      expect(stats.total_towns, prefix).toBe(expected.length);
      expect(stats.total_memberships, prefix).toBe(expected.reduce((n, t) => n + t.memberships.length, 0));
      expect(stats.groups.map((g) => g.key)).toEqual([...new Set(expected.map((t) => t.province))]);
    }
    // Part of a list is not comparable with the official numbers: no official count, and no groups of other places at 0.
    for (const query of ['group_by=list', 'group_by=province&list=mohurd-2016-batch1']) {
      const whole = StatsSchema.parse((await getJson(`/api/v1/stats?${query}`)).body);
      expect(
        whole.groups.some((g) => g.official_count !== null),
        query,
      ).toBe(true);
      const part = StatsSchema.parse((await getJson(`/api/v1/stats?${query}&division_code=33`)).body);
      expect(part.groups.length, query).toBeGreaterThan(0);
      expect(
        part.groups.every((g) => g.official_count === null && g.missing === null && g.towns > 0),
        query,
      ).toBe(true);
    }
  });

  it('groups /satisfaction only over the towns within the prefix', async () => {
    // Ten public responses to 长沟镇 publish it (live wave, minimum sample 10).
    for (let i = 0; i < 10; i++) {
      const res = await submit(
        'public',
        { town_id: 'beijing-changgouzhen', answers: await fullAnswers('public'), consent: { participation: true } },
        { ip: `10.77.0.${i + 1}` },
      );
      expect(res.status).toBe(201);
    }
    const grouped = async (prefix: string) => {
      const { res, body } = await getJson(`/api/v1/satisfaction?group_by=province&wave=public-w1&division_code=${prefix}`, {
        'Cache-Control': 'no-cache',
      });
      expect(res.status).toBe(200);
      return GroupedSatisfactionSchema.parse(body).groups;
    };
    for (const prefix of ['11', '1101', '110111']) {
      const groups = await grouped(prefix);
      expect(
        groups.map((g) => g.key),
        prefix,
      ).toEqual(['北京市']);
      expect(groups[0]!.surveys[0]!.responses).toBe(10);
    }
    expect(await grouped('12')).toEqual([]);
    expect(await grouped('110112')).toEqual([]);
  });

  it('writes the codes into the CSV', async () => {
    const res = await get('/api/v1/towns?format=csv&division_code=110111');
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    const header = rows[0]!;
    for (const column of ['province_code', 'city_code', 'county_code', 'township_code', 'derived_city', 'derived_county'])
      expect(header).toContain(column);
    const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.county_code).toBe('110111');
    expect(records.find((r) => r.id === 'beijing-changgouzhen')).toMatchObject({
      province_code: '11',
      city_code: '1101',
      county_code: '110111',
    });
  });

  it('carries the codes in the change feed, and a changed code is a change', async () => {
    const replay = async (since: string) => ChangePageSchema.parse((await getJson(`/api/v1/changes?since=${since}&limit=1000`)).body);
    let since = '0';
    let page: Awaited<ReturnType<typeof replay>>;
    let record: Record<string, unknown> | undefined;
    do {
      page = await replay(since);
      record =
        (page.items.find((c) => c.entity === 'town' && c.id === 'beijing-changgouzhen')?.data as Record<string, unknown> | undefined) ??
        record;
      since = page.next_since;
    } while (page.has_more);
    expect(record).toMatchObject({
      province_code: '11',
      city_code: '1101',
      county_code: '110111',
      derived_city: null,
      derived_county: null,
    });
    expect(record!.township_code).toMatch(/^110111\d{3}$/);

    // A reload that corrects only the code (here: to the county alone) reaches the feed, and a no-op does not.
    await env.DB.prepare("UPDATE towns SET division_code = '110111' WHERE id = 'beijing-changgouzhen'").run();
    await env.DB.prepare("UPDATE towns SET division_code = division_code WHERE id = 'beijing-changgouzhen'").run();
    const after = await replay(since);
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({ entity: 'town', id: 'beijing-changgouzhen', op: 'upsert' });
    expect(after.items[0]!.data).toMatchObject({ county_code: '110111', township_code: null });
    for (const [column, value] of [
      ['derived_city', '测试市'],
      ['derived_county', '测试县'],
    ] as const) {
      await env.DB.prepare(`UPDATE towns SET ${column} = ? WHERE id = 'beijing-changgouzhen'`).bind(value).run();
      const changed = await replay(after.next_since);
      expect(changed.items.at(-1)!.data, column).toMatchObject({ [column]: value });
    }
  });

  it('serves the prefix from the index on the code', async () => {
    const db = createDb(env.DB);
    // The shape of a page of /towns: the filters, the keyset order and a limit.
    const query = db
      .select()
      .from(towns)
      .where(townConditions({ divisionCode: '3301' }))
      .orderBy(asc(towns.namePinyin), asc(towns.id))
      .limit(51)
      .toSQL();
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail);
    expect(
      details.some((d) => /SEARCH towns USING (COVERING )?INDEX towns_division_idx \(division_code>\? AND division_code<\?\)/.test(d)),
      details.join('\n'),
    ).toBe(true);
  });
});
