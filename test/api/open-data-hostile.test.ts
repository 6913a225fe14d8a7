import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { SnapshotSchema } from '../../worker/schemas/open-data.ts';
import { SourceSchema } from '../../worker/schemas/sources.ts';
import { adminHeaders, fullAnswers, JSON_BODY, KNOWN_TOWN, parseAs, submit } from '../helpers.ts';

// Hostile review of what issue 13 added (open data, downloads, sitemap, /docs/try). Every case asserts the SAFE
// behaviour: a failing case is a hole.

/** The worker's env with a D1 that counts the statements it is asked to prepare (sessions included). */
function countingEnv(): { env: typeof env; statements: () => number } {
  let count = 0;
  const countPrepare = <T extends { prepare: (sql: string) => unknown }>(target: T): T =>
    new Proxy(target, {
      get(t, name, receiver) {
        const value = Reflect.get(t, name, receiver);
        if (name === 'prepare')
          return (sql: string) => {
            count++;
            return (value as (s: string) => unknown).call(t, sql);
          };
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  const db = env.DB as unknown as D1Database;
  const DB = new Proxy(db, {
    get(t, name) {
      if (name === 'withSession') return (start?: string) => countPrepare(t.withSession(start as never) as never);
      if (name === 'prepare')
        return (sql: string) => {
          count++;
          return t.prepare(sql);
        };
      const value = Reflect.get(t, name);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
  return { env: { ...env, DB } as typeof env, statements: () => count };
}

async function fetchAt(origin: string, path: string, headers: Record<string, string> = {}, withEnv = env): Promise<Response> {
  return worker.fetch(new Request(`${origin}${path}`, { headers, redirect: 'manual' }), withEnv as never);
}

describe('issue 13 hostile review: the isolate copy never hands one origin’s links to another', () => {
  it.each(['/datapackage.json', '/catalog.jsonld'])(
    '%s asked for on localhost first, then on the public host: the public client gets no localhost links',
    async (path) => {
      const local = await fetchAt('http://localhost:8787', path);
      expect(await local.text()).toContain('http://localhost:8787/');
      const pub = await fetchAt('https://example.test', path);
      expect(pub.status).toBe(200);
      expect(await pub.text()).not.toContain('localhost');
      // Two different bodies never share a strong validator.
      expect(pub.headers.get('etag')).not.toBe(local.headers.get('etag'));
    },
  );
});

describe('issue 13 hostile review: conditional requests on /downloads/', () => {
  it('a weak or wildcard If-None-Match for the current snapshot answers 304 (RFC 9110 13.1.2: weak comparison)', async () => {
    const res = await fetchAt('https://example.test', '/downloads/');
    const etag = res.headers.get('etag')!;
    await res.arrayBuffer();
    for (const inm of [`W/${etag}`, '*', `"nope", ${etag}`])
      expect((await fetchAt('https://example.test', '/downloads/', { 'If-None-Match': inm })).status, inm).toBe(304);
  });

  it('If-None-Match: * on a snapshot file that exists answers 304', async () => {
    const body = parseAs(SnapshotSchema, await (await fetchAt('https://example.test', '/downloads/')).json());
    const res = await fetchAt('https://example.test', body.files[0]!.url, { 'If-None-Match': '*' });
    expect(res.status).toBe(304);
  });
});

describe('issue 13 hostile review: machine paths answer problem+json', () => {
  it.each(['/downloads', '/downloads/x', '/downloads/x/y/z'])('%s: a problem, never an HTML page', async (path) => {
    const res = await fetchAt('https://example.test', path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('issue 13 hostile review: cost of one cheap request', () => {
  it('/sitemap.xml asked for again at the same data version does not read every town again', async () => {
    await (await fetchAt('https://example.test', '/sitemap.xml')).text();
    const counted = countingEnv();
    const res = await fetchAt('https://example.test', '/sitemap.xml', {}, counted.env);
    expect(res.status).toBe(200);
    await res.text();
    // One read of the versions, as every versioned read makes.
    expect(counted.statements()).toBeLessThanOrEqual(2);
  });
});

describe('issue 13 hostile review: a survey answer does not make the next download rebuild every table', () => {
  it('after a submission, GET /downloads/ reads the results again, not every town, list and event', async () => {
    await (await fetchAt('https://example.test', '/downloads/')).arrayBuffer();
    const counted = countingEnv();
    // A submission moves the results version only: the data tables the isolate already holds are still the data's.
    const res = await submit(
      'public',
      { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true } },
      { ip: '192.0.2.77' },
    );
    expect(res.status).toBe(201);
    const after = await fetchAt('https://example.test', '/downloads/', {}, counted.env);
    expect(after.status).toBe(200);
    await after.arrayBuffer();
    // The versions (twice, before and after), the grouped results and their reference rows: a handful, not a scan.
    expect(counted.statements()).toBeLessThanOrEqual(8);
  });
});

describe('issue 13 hostile review: /docs/try only ever sends a form to the operation it names', () => {
  it.each([
    ['getTown', { id: '..' }],
    ['getTown', { id: '.' }],
    ['getSnapshotFile', { snapshot: '..', file: '..' }],
  ])(
    '%s with a dot segment %j as a path parameter: a 400 problem, not a redirect that climbs out of the operation',
    async (operation, params) => {
      const res = await fetchAt('https://example.test', `/docs/try?${new URLSearchParams({ operation, ...params })}`);
      expect(res.headers.get('location')).toBeNull();
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    },
  );
});

describe('issue 13 hostile review: a snapshot id that never was is not “gone”', () => {
  it('an id from a later data version or a later date answers 404, not 410 with a link that vouches for it', async () => {
    const current = parseAs(SnapshotSchema, await (await fetchAt('https://example.test', '/downloads/')).json());
    const [, ymd, hash] = current.snapshot.split('-');
    for (const id of [`${Number(current.data_version) + 1000}-${ymd}-${hash}`, `${current.data_version}-99991231-${hash}`]) {
      const res = await fetchAt('https://example.test', `/downloads/${id}/towns.csv`);
      expect(res.status, id).toBe(404);
      expect(res.headers.get('link'), id).toBeNull();
      await res.arrayBuffer();
    }
  });
});

describe('issue 13 hostile review: the new CSVs neutralise formula-looking text', () => {
  it('a list name and an event note that a spreadsheet would run are text in memberships, status events and the snapshot', async () => {
    const admin = (method: string, path: string, body: unknown) =>
      worker.fetch(
        new Request(`https://example.test${path}`, { method, headers: adminHeaders('admin', JSON_BODY), body: JSON.stringify(body) }),
        env as never,
      );
    const source = await admin('POST', '/api/v1/admin/sources', { title: '公式测试通知', published_on: '2026-11-21' });
    expect(source.status).toBe(201);
    const sourceId = parseAs(SourceSchema, await source.json()).id;
    const listId = 'test-formula-list';
    const list = await admin('POST', '/api/v1/admin/lists', {
      id: listId,
      name: '=HYPERLINK("http://evil.example","名单")',
      name_en: '+1+1',
      level: 'provincial',
      kind: 'named',
      province: '北京市',
      source_id: sourceId,
    });
    expect(list.status).toBe(201);
    const join = await admin('POST', `/api/v1/admin/lists/${listId}/towns`, {
      town_id: KNOWN_TOWN,
      status: 'named',
      effective_date: '2026-11-21',
      source_id: sourceId,
      note: '＝cmd|"/c calc"!A1',
    });
    expect(join.status).toBe(201);
    const snapshot = parseAs(SnapshotSchema, await (await fetchAt('https://example.test', '/downloads/')).json());
    const texts = [
      await (await fetchAt('https://example.test', `/api/v1/memberships?format=csv&list=${listId}`)).text(),
      await (await fetchAt('https://example.test', '/api/v1/status-events?format=csv')).text(),
      ...(await Promise.all(
        snapshot.files
          .filter((f) => /^(memberships|status-events)\.csv$/.test(f.name))
          .map(async (f) => (await fetchAt('https://example.test', f.url)).text()),
      )),
    ];
    expect(texts).toHaveLength(4);
    for (const text of texts) {
      const cells = text
        .split(/\r\n/)
        .flatMap((line) => line.split(','))
        .map((cell) => cell.replace(/^"/, ''));
      expect(
        cells.some((cell) => /^'(=HYPERLINK|＝cmd)/.test(cell)),
        text.slice(0, 200),
      ).toBe(true);
      expect(cells.filter((cell) => /^[=+＝@]/.test(cell))).toEqual([]);
    }
  });
});
