import { describe, expect, it } from 'vitest';
import { ListDetailSchema, ListPageSchema } from '../../worker/schemas/lists.ts';
import { DataPackageSchema } from '../../worker/schemas/open-data.ts';
import { HistorySchema, MembershipPageSchema, StatusEventPageSchema, TownPageSchema } from '../../worker/schemas/towns.ts';
import { csvRecords, parseCsv } from '../csv-reader.ts';
import { get, getParsed, KNOWN_TOWN } from '../helpers.ts';

async function allTowns(query = ''): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const { body }: { body: any } = await getParsed(
      TownPageSchema,
      `/api/v1/towns?limit=500${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...body.items);
    cursor = body.next_cursor;
  } while (cursor);
  return items;
}

describe('memberships: towns on lists in long form', () => {
  it('has one row per town and list, the same pairs as the towns it is made from', async () => {
    const towns = await allTowns();
    const { res, body } = await getParsed(MembershipPageSchema, '/api/v1/memberships');
    expect(res.status).toBe(200);
    const pairs = towns.flatMap((t) => t.memberships.map((m: any) => `${t.id}|${m.list_id}|${m.status}|${m.status_since ?? ''}`)).sort();
    expect(body.items.map((r: any) => `${r.town_id}|${r.list_id}|${r.status}|${r.status_since ?? ''}`).sort()).toEqual(pairs);
    expect(body.total).toBe(pairs.length);
    for (const row of body.items) {
      expect(row.status_since_precision).toBe(
        row.status_since === null ? null : { 4: 'year', 7: 'month', 10: 'day' }[row.status_since.length as 4 | 7 | 10],
      );
    }
  });

  it('with a list, gives that list’s rows only, and its CSV the same rows', async () => {
    const { body } = await getParsed(MembershipPageSchema, '/api/v1/memberships?list=mohurd-2016-batch1');
    const { body: list } = await getParsed(ListDetailSchema, '/api/v1/lists/mohurd-2016-batch1');
    expect(body.items.length).toBe(list.town_count);
    expect(new Set(body.items.map((r: any) => r.list_id))).toEqual(new Set(['mohurd-2016-batch1']));
    const csv = await (await get('/api/v1/memberships?list=mohurd-2016-batch1&format=csv')).text();
    const records = csvRecords(csv);
    expect(records.map((r) => r.town_id)).toEqual(body.items.map((r: any) => r.town_id));
    expect(parseCsv(csv)[0]).toEqual([
      'town_id',
      'town_name',
      'province',
      'list_id',
      'list_name',
      'level',
      'status',
      'status_since',
      'status_since_precision',
      'source_stage',
      'source_stage_date',
    ]);
  });

  it('refuses a bad filter or an unknown list with a problem, as /towns does', async () => {
    for (const query of ['status=gone', 'level=galactic', 'limit=5', 'as_of=2019-02-30', 'q=']) {
      const res = await get(`/api/v1/memberships?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
    }
    const unknown = await get('/api/v1/memberships?list=no-such-list');
    expect(unknown.status).toBe((await get('/api/v1/towns?list=no-such-list')).status);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as any).detail).toContain('no-such-list');
  });
});

describe('status events: the whole history in one table', () => {
  it('holds each town’s history, in its order, with the town beside each event', async () => {
    const { body: history } = await getParsed(HistorySchema, `/api/v1/towns/${KNOWN_TOWN}/history`);
    const { body } = await getParsed(StatusEventPageSchema, '/api/v1/status-events');
    const mine = body.items.filter((e: any) => e.town_id === KNOWN_TOWN);
    expect(mine.map(({ town_id: _t, town_name: _n, ...e }: any) => e)).toEqual(history.items);
    expect(new Set(mine.map((e: any) => e.town_name)).size).toBe(1);
    expect(new Set(body.items.map((e: any) => e.id)).size).toBe(body.items.length);
  });

  it('as CSV has the columns of a town’s history CSV, after the town', async () => {
    const all = parseCsv(await (await get('/api/v1/status-events?format=csv')).text())[0];
    const one = parseCsv(await (await get(`/api/v1/towns/${KNOWN_TOWN}/history?format=csv`)).text())[0];
    expect(all).toEqual(['town_id', 'town_name', ...one!]);
  });
});

describe('the data package', () => {
  it('describes each CSV column for column, in the order the CSV writes them', async () => {
    const { res, body } = await getParsed(DataPackageSchema, '/datapackage.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    for (const resource of body.resources) {
      // Without PUBLIC_ORIGIN the paths are relative to the package (never starting with `/`, which the spec forbids).
      expect(resource.path).toMatch(/^api\/v1\/[a-z-]+\?(.+&)?format=csv$/);
      const header = parseCsv(await (await get(`/${resource.path}`)).text())[0];
      expect(
        resource.schema.fields.map((f: any) => f.name),
        resource.name,
      ).toEqual(header);
      for (const field of resource.schema.fields) {
        expect(field.title, `${resource.name}.${field.name}`).toMatch(/\p{Script=Han}.* \/ [A-Za-z]/u);
        expect(field.description, `${resource.name}.${field.name}`).toMatch(/\p{Script=Han}.* \/ [A-Za-z]/u);
      }
    }
    const revalidated = await get('/datapackage.json', { 'If-None-Match': res.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
  });

  it('says which column gives the precision of each date, and the separator of each packed cell', async () => {
    const { body } = await getParsed(DataPackageSchema, '/datapackage.json');
    const fields = Object.fromEntries(
      body.resources.map((r: any) => [r.name, Object.fromEntries(r.schema.fields.map((f: any) => [f.name, f]))]),
    );
    expect(fields.lists.published_on.description).toContain('published_on_precision');
    expect(fields.lists.published_on_precision.constraints.enum).toEqual(['day', 'month', 'year']);
    expect(fields.towns.lists.separator).toBe('; ');
    expect(fields.sources.urls.separator).toBe(' ');
  });

  it('takes no query parameters', async () => {
    const res = await get('/datapackage.json?x=1');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the catalogue', () => {
  it('is JSON-LD whose links are relative to it when no origin is configured, revalidated by ETag', async () => {
    const res = await get('/catalog.jsonld');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const doc: any = await res.json();
    expect(doc['@type']).toBe('dcat:Catalog');
    // example.test is not a developer's machine and PUBLIC_ORIGIN is unset: never the request's Host.
    expect(JSON.stringify(doc)).not.toContain('example.test');
    expect(doc['foaf:homepage']['@id']).toBe('./');
    expect(doc['dct:license']['dct:identifier']).toBe('CC-BY-4.0');
    expect((await get('/catalog.jsonld', { 'If-None-Match': res.headers.get('etag')! })).status).toBe(304);
    expect((await get('/catalog.jsonld?format=csv')).status).toBe(400);
  });
});

describe('sitemap and robots.txt', () => {
  it('lists every list and town page with its English alternate, never cached when the origin is only the request’s', async () => {
    const res = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const xml = await res.text();
    const { body: lists } = await getParsed(ListPageSchema, '/api/v1/lists');
    const { body: towns } = await getParsed(TownPageSchema, '/api/v1/towns?limit=1');
    expect((xml.match(/<url>/g) ?? []).length).toBe(lists.total + towns.total + 8);
    expect(xml).toContain(`<loc>https://example.test/towns/${KNOWN_TOWN}</loc>`);
    expect(xml).toContain(`hreflang="en" href="https://example.test/towns/${KNOWN_TOWN}?lang=en"`);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('robots.txt keeps crawlers out of the admin API and names the sitemap', async () => {
    const text = await (await get('/robots.txt')).text();
    expect(text).toContain('Disallow: /api/v1/admin/');
    expect(text).toContain('Sitemap: https://example.test/sitemap.xml');
  });
});
