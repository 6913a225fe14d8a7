import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES } from '../../web/components/province-tiles.ts';
import { englishName, ZERO_FILL } from '../../web/components/tile-map.tsx';
import { fmt, MESSAGES } from '../../web/i18n/index.ts';
import { ListDetailSchema } from '../../worker/schemas/lists.ts';
import { StatsSchema } from '../../worker/schemas/stats.ts';
import { TownPageSchema } from '../../worker/schemas/towns.ts';
import { get, getJson, getParsed } from '../helpers.ts';
import { element, escaped, page, textOf } from './site-helpers.ts';

/**
 * The province tile map of the home and statistics pages (issue 13): for the list and status chosen in its GET
 * form, each tile's number and the table's are the towns per province that /api/v1/stats counts, each tile links
 * to a page listing exactly those towns, and a value that names nothing is ignored with a message, never a 500.
 */

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

interface Tile {
  href: string;
  label: string;
  province: string;
  towns: number;
  inner: string;
}

function mapOf(html: string): string {
  const figure = element(html, 'figure', 'aria-labelledby', 'province-map-caption');
  expect(figure, 'the page has the province map').not.toBeNull();
  return figure!;
}

function tilesOf(figure: string): Tile[] {
  return [...figure.matchAll(/<a href="([^"]*)" aria-label="([^"]*)" data-province="([^"]*)" data-towns="(\d+)">([\s\S]*?)<\/a>/g)].map(
    (m) => ({
      href: unescapeHtml(m[1]!),
      label: unescapeHtml(m[2]!),
      province: unescapeHtml(m[3]!),
      towns: Number(m[4]),
      inner: m[5]!,
    }),
  );
}

function tableOf(figure: string): Map<string, { towns: number; text: string }> {
  const rows = [...figure.matchAll(/<tr data-province="([^"]*)" data-towns="(\d+)">([\s\S]*?)<\/tr>/g)];
  return new Map(rows.map((m) => [unescapeHtml(m[1]!), { towns: Number(m[2]), text: textOf(m[3]!).trim() }]));
}

async function apiCounts(query: string): Promise<Map<string, number>> {
  const { res, body } = await getJson(`/api/v1/stats?group_by=province${query}`, { 'Cache-Control': 'no-cache' });
  expect(res.status).toBe(200);
  return new Map(StatsSchema.parse(body).groups.map((g) => [g.key, g.towns]));
}

/** The number printed last in a tile (the count; the name lines come first). */
const printed = (tile: Tile) => Number(/>(\d+)<\/text>\s*$/.exec(tile.inner)?.[1]);

/** Checks a rendered map against the API's counts: every tile and every table row. */
function expectMatches(figure: string, counts: Map<string, number>) {
  const tiles = tilesOf(figure);
  const table = tableOf(figure);
  expect(tiles.map((t) => t.province)).toEqual(PROVINCE_TILES.map((p) => p.name));
  for (const tile of tiles) {
    const expected = counts.get(tile.province) ?? 0;
    expect(tile.towns, tile.province).toBe(expected);
    expect(printed(tile), tile.province).toBe(expected);
    expect(table.get(tile.province)?.towns, tile.province).toBe(expected);
    expect(table.get(tile.province)?.text, tile.province).toMatch(new RegExp(`${expected}$`));
  }
  // A place the data counts outside the grid keeps its row in the table, with its number.
  for (const [key, towns] of counts) {
    if (towns > 0) expect(table.get(key)?.towns, key).toBe(towns);
  }
  expect([...table.keys()].filter((k) => !PROVINCE_TILES.some((p) => p.name === k)).every((k) => (counts.get(k) ?? 0) > 0)).toBe(true);
}

async function firstStatus(list: string): Promise<string> {
  const { body } = await getJson(`/api/v1/stats?group_by=status&list=${list}`);
  return StatsSchema.parse(body).groups[0]!.key;
}

describe('province tile map', () => {
  it('shows all lists and any status by default on both pages, with the numbers of /api/v1/stats in tiles and table', async () => {
    const counts = await apiCounts('');
    for (const path of ['/', '/stats']) {
      for (const lang of ['zh', 'en'] as const) {
        const t = MESSAGES[lang];
        const html = await page(`${path}?lang=${lang}`);
        const figure = mapOf(html);
        expectMatches(figure, counts);
        expect(textOf(figure)).toContain(fmt(t.map.caption, { list: t.map.allLists, status: t.map.anyStatus }));
        // The form works without JavaScript: a GET form back to the page itself, at the map.
        expect(html).toContain(`<form class="filters" method="get" action="${path}#map">`);
        // Each tile is a link named for screen readers by its province and its number.
        for (const tile of tilesOf(figure)) {
          const p = PROVINCE_TILES.find((x) => x.name === tile.province)!;
          expect(tile.label).toBe(fmt(t.map.tileLabel, { province: lang === 'zh' ? p.name : englishName(p), n: tile.towns }));
          expect(tile.href).toBe(`/towns?${new URLSearchParams({ province: tile.province })}`);
        }
        expect(figure).toMatch(
          /<svg viewBox="0 0 \d+ \d+" width="100%" aria-labelledby="province-map-title" aria-describedby="province-map-desc">/,
        );
        expect(figure).toContain(`<desc id="province-map-desc">${escaped(t.map.desc)}</desc>`);
      }
    }
    // The data counts the national batches' 新疆生产建设兵团 apart from Xinjiang: in the table and named under the map.
    const offGrid = [...counts].filter(([k, n]) => n > 0 && !PROVINCE_TILES.some((p) => p.name === k));
    expect(offGrid.length).toBeGreaterThan(0);
    const figure = mapOf(await page('/stats?lang=zh'));
    for (const [key, n] of offGrid) expect(textOf(figure)).toContain(`${key} ${n}`);
  });

  it("counts one list in one status, and each tile links to that list's page filtered to the province and status, which lists as many towns", async () => {
    const list = 'mohurd-2017-batch2';
    const status = await firstStatus(list);
    const counts = await apiCounts(`&list=${list}&status=${status}`);
    const t = MESSAGES.zh;
    const listName = (await getParsed(ListDetailSchema, `/api/v1/lists/${list}`)).body.name as string;
    for (const path of ['/', '/stats']) {
      const html = await page(`${path}?list=${list}&status=${status}&lang=zh`);
      const figure = mapOf(html);
      expectMatches(figure, counts);
      expect(textOf(figure)).toContain(fmt(t.map.caption, { list: listName, status: t.statuses[status as 'approved'] }));
      // The form shows what is chosen.
      expect(html).toContain(`<option value="${list}" selected="">`);
      expect(html).toContain(`<option value="${status}" selected="">`);
      for (const tile of tilesOf(figure))
        expect(tile.href).toBe(`/lists/${list}?${new URLSearchParams({ province: tile.province, status })}`);
    }
    const tiles = tilesOf(mapOf(await page(`/stats?list=${list}&status=${status}`)));
    const busiest = [...tiles].sort((a, b) => b.towns - a.towns)[0]!;
    expect(busiest.towns).toBeGreaterThan(0);
    expect(textOf(await page(busiest.href))).toContain(fmt(t.list.showing, { total: busiest.towns }));
  });

  it('draws a province without towns as a distinct, dashed tile that still says 0 and links to an empty list', async () => {
    const list = 'zhejiang-2015-creation-batch1';
    const counts = await apiCounts(`&list=${list}`);
    const figure = mapOf(await page(`/?list=${list}`));
    expectMatches(figure, counts);
    const tiles = tilesOf(figure);
    const zero = tiles.filter((tile) => tile.towns === 0);
    const some = tiles.filter((tile) => tile.towns > 0);
    expect(some.map((tile) => tile.province)).toEqual(['浙江省']);
    expect(zero).toHaveLength(PROVINCE_TILES.length - 1);
    for (const tile of zero) expect(tile.inner).toMatch(new RegExp(`fill="${ZERO_FILL}" stroke="#767676" stroke-dasharray="4 3"`));
    expect(some[0]!.inner).not.toContain('stroke-dasharray');
    // The legend shows the zero style first, then the classes up to the only count.
    const legend = element(figure, 'ul', 'class', 'tile-legend')!;
    expect(textOf(legend).trim()).toMatch(new RegExp(`^0 1–\\d+ .*–${some[0]!.towns}$`));
    expect(legend).toContain(`fill="${ZERO_FILL}" stroke="#767676" stroke-dasharray="4 3"`);
    const empty = zero.find((tile) => tile.province === '北京市')!;
    expect(textOf(await page(empty.href))).toContain(fmt(MESSAGES.zh.list.showing, { total: 0 }));
  });

  it('a tile of all lists in one status links to the towns page, which lists as many towns, page after page', async () => {
    const status = 'approved';
    const counts = await apiCounts(`&status=${status}`);
    const figure = mapOf(await page(`/stats?status=${status}`));
    expectMatches(figure, counts);
    const busiest = [...tilesOf(figure)].sort((a, b) => b.towns - a.towns)[0]!;
    expect(busiest.href).toBe(`/towns?${new URLSearchParams({ province: busiest.province, status })}`);
    expect(busiest.towns).toBeGreaterThan(50);
    let html = await page(busiest.href);
    expect(textOf(html)).toContain(fmt(MESSAGES.zh.list.showing, { total: busiest.towns }));
    // Its filters show what the tile chose, and offer every province that holds towns, one off the grid included.
    expect(html).toContain(`<option value="${busiest.province}" selected="">`);
    expect(html).toContain(`<option value="${status}" selected="">`);
    expect(html).toContain('<option value="新疆生产建设兵团">');
    expect(html).toContain(
      `href="/api/v1/towns?${escaped(new URLSearchParams({ format: 'csv', sort: 'province', province: busiest.province, status }).toString())}"`,
    );
    // Every town listed is in the province and has a membership in that status, and none is listed twice.
    const seen = new Set<string>();
    for (;;) {
      for (const m of html.matchAll(/<tr data-town="([^"]+)">/g)) seen.add(m[1]!);
      const next = /<a href="([^"]+)" rel="next">/.exec(html);
      if (!next) break;
      html = await page(unescapeHtml(next[1]!));
    }
    expect(seen.size).toBe(busiest.towns);
    const { body } = await getParsed(
      TownPageSchema,
      `/api/v1/towns?province=${encodeURIComponent(busiest.province)}&status=${status}&limit=500`,
    );
    expect(new Set((body.items as { id: string }[]).map((x) => x.id))).toEqual(seen);
  });

  it('ignores an unknown list or status with a message naming it (escaped), and shows all lists and any status', async () => {
    const counts = await apiCounts('');
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      for (const path of ['/', '/stats']) {
        const hostile = '<script>alert(1)</script>';
        const res = await get(
          `${path}?lang=${lang}&list=${encodeURIComponent(hostile)}&status=${encodeURIComponent("approved' OR 1=1 --")}`,
        );
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).not.toContain(hostile);
        expect(html).toContain(escaped(fmt(t.map.badList, { value: hostile })));
        expect(html).toContain(escaped(fmt(t.map.badStatus, { value: "approved' OR 1=1 --" })));
        expectMatches(mapOf(html), counts);
      }
    }
    // A valid status beside an unknown list: the status is kept, the list dropped.
    const html = await page('/?list=no-such-list&status=eliminated');
    expect(textOf(html)).toContain(fmt(MESSAGES.zh.map.badList, { value: 'no-such-list' }));
    expect(textOf(html)).not.toContain(fmt(MESSAGES.zh.map.badStatus, { value: 'eliminated' }));
    expectMatches(mapOf(html), await apiCounts('&status=eliminated'));
    // Odd encodings, repeated and very long values: never a 500; what is echoed is cut short.
    for (const query of [
      'list=%E0%A4%A',
      'status=%00',
      'list=a&list=b&status=approved&status=x',
      `list=${'x'.repeat(5000)}`,
      'status=APPROVED',
      'list=%20mohurd-2016-batch1%20',
    ]) {
      for (const path of ['/', '/stats']) {
        const res = await get(`${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(200);
        const body = await res.text();
        const notice = element(body, 'div', 'class', 'notice') ?? '';
        expect(notice).not.toContain('x'.repeat(81));
        if (query.startsWith('list=xxx')) expect(notice).toContain('x'.repeat(80));
        mapOf(body);
      }
    }
    // Surrounding spaces do not make a list unknown.
    expect(await page('/?list=%20mohurd-2016-batch1%20')).toContain('<option value="mohurd-2016-batch1" selected="">');
  });

  it('the towns page ignores an unknown status with a message, escapes an odd province and refuses a bad cursor with a page', async () => {
    const html = await page(`/towns?status=bogus&province=${encodeURIComponent('<b>x</b>')}`);
    expect(html).toContain(escaped(fmt(MESSAGES.zh.map.badStatus, { value: 'bogus' })));
    expect(html).not.toContain('<b>x</b>');
    expect(textOf(html)).toContain(fmt(MESSAGES.zh.list.showing, { total: 0 }));
    const res = await get('/towns?cursor=garbage');
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(escaped(MESSAGES.zh.errorPage.badCursorTitle));
  });
});
