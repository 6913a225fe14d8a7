import { describe, expect, it } from 'vitest';
import { ListPageSchema } from '../../worker/schemas/lists.ts';
import { FigurePageSchema, SourcePageSchema } from '../../worker/schemas/sources.ts';
import { StatsSchema } from '../../worker/schemas/stats.ts';
import { HistorySchema, TownPageSchema } from '../../worker/schemas/towns.ts';
import { parseCsv } from '../csv-reader.ts';
import { get, getParsed } from '../helpers.ts';

// CSV is read with the shared strict reader (test/csv-reader.ts). This file kept a copy of its own only because it
// was written before that module; the copy differed in one point, the shared reader drops a leading BOM, which
// changes nothing here: Response.text() and TextDecoder drop it already, so the BOM is checked on the bytes.

async function allJsonTowns(query: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const { body }: { body: any } = await getParsed(TownPageSchema, `/api/v1/towns?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...body.items);
    cursor = body.next_cursor;
  } while (cursor);
  return items;
}

describe('CSV and NDJSON exports', () => {
  it('streams every page as CSV with a BOM, and the rows round-trip to the JSON items', async () => {
    const res = await get('/api/v1/towns?format=csv&sort=id');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(header).toEqual([
      'id',
      'name',
      'name_pinyin',
      'province',
      'city',
      'county',
      'industry',
      'lists',
      'province_code',
      'city_code',
      'county_code',
      'township_code',
      'derived_city',
      'derived_county',
    ]);
    const json = await allJsonTowns('sort=id');
    expect(rows.length).toBe(json.length);
    rows.forEach((row, i) => {
      const t = json[i];
      expect(row).toEqual([
        t.id,
        t.name,
        t.name_pinyin,
        t.province,
        t.city ?? '',
        t.county ?? '',
        t.industry ?? '',
        t.memberships.map((m: any) => `${m.list_id}:${m.status}`).join('; '),
        t.province_code ?? '',
        t.city_code ?? '',
        t.county_code ?? '',
        t.township_code ?? '',
        t.derived_city ?? '',
        t.derived_county ?? '',
      ]);
    });
  });

  it('honours Accept: text/csv and keeps the filters', async () => {
    const res = await get('/api/v1/lists/mohurd-2016-batch1/towns?province=北京市', { Accept: 'text/csv' });
    const rows = parseCsv(await res.text());
    const { body } = await getParsed(TownPageSchema, '/api/v1/lists/mohurd-2016-batch1/towns?province=北京市');
    expect(body.total).toBeGreaterThan(0);
    expect(rows.length - 1).toBe(body.total);
  });

  it('quotes fields with commas, quotes and line breaks so that they read back unchanged', async () => {
    const res = await get('/api/v1/lists?format=csv');
    const rows = parseCsv(await res.text());
    const { body } = await getParsed(ListPageSchema, '/api/v1/lists');
    expect(rows.length - 1).toBe(body.total);
    const noteColumn = rows[0]!.indexOf('note');
    expect(body.items.some((l: { note: string | null }) => l.note?.includes(','))).toBe(true);
    body.items.forEach((l: { note: string | null }, i: number) => {
      expect(rows[i + 1]![noteColumn]).toBe(l.note ?? '');
    });
  });

  it('streams NDJSON, one item per line, for every collection', async () => {
    for (const [path, schema] of [
      ['/api/v1/towns', TownPageSchema],
      ['/api/v1/lists', ListPageSchema],
      ['/api/v1/sources', SourcePageSchema],
      ['/api/v1/reported-figures', FigurePageSchema],
    ] as const) {
      const res = await get(`${path}?format=ndjson`);
      expect(res.headers.get('Content-Type'), path).toBe('application/x-ndjson; charset=utf-8');
      const lines = (await res.text()).trim().split('\n');
      const { body } = await getParsed(schema, path);
      expect(lines.length, path).toBe(body.total);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it('exports CSV of sources and reported figures', async () => {
    for (const [path, schema] of [
      ['/api/v1/sources', SourcePageSchema],
      ['/api/v1/reported-figures', FigurePageSchema],
    ] as const) {
      const res = await get(path, { Accept: 'text/csv' });
      expect(res.headers.get('Content-Type'), path).toContain('text/csv');
      const { body } = await getParsed(schema, path);
      expect(parseCsv(await res.text()).length - 1, path).toBe(body.total);
    }
  });

  it("exports a town's history and the stats groups", async () => {
    const { body: history } = await getParsed(HistorySchema, '/api/v1/towns/beijing-changgouzhen/history');
    const events = parseCsv(await (await get('/api/v1/towns/beijing-changgouzhen/history?format=csv')).text());
    expect(events.length - 1).toBe(history.items.length);
    expect(events[0]).toContain('document_number');
    const { body: stats } = await getParsed(StatsSchema, '/api/v1/stats?group_by=list');
    const groups = (await (await get('/api/v1/stats?group_by=list&format=ndjson')).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(groups).toEqual(stats.groups);
  });

  it('refuses a bad filter with a 400 before any export starts', async () => {
    for (const accept of ['text/csv', 'application/x-ndjson']) {
      const res = await get('/api/v1/towns?list=no-such-list', { Accept: accept });
      expect(res.status, accept).toBe(400);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
      expect((await res.json<any>()).errors[0].name).toBe('list');
    }
  });
});
