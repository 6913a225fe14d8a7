import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { config } from '../../worker/config.ts';
import { resetForTests } from '../../worker/http/freshness/version-copy.ts';
import worker from '../../worker/index.ts';
import { d1WithStatements } from '../d1-statements.ts';
import { adminHeaders, fullAnswers, JSON_BODY, KNOWN_TOWN, newKey } from '../helpers.ts';

// Issue 15, "Freshness model": a public read reflects every write that completed at least N seconds earlier, and a
// client that sends back its x-d1-bookmark reads its own writes. The isolate's clock is the test's, so "N seconds
// later" is a step of the clock, not a sleep; a write "elsewhere" (another isolate) is a write straight into D1.

const N_MS = 500;
const BINDINGS = { ...env, FRESHNESS_SECONDS: String(N_MS / 1000) };
const EDITOR = adminHeaders('editor', JSON_BODY);

/** What the worker asked D1 (every statement prepared, every batch), and levers on its reads of the versions. */
interface Probe {
  sql: string[];
  /** While set, every read of the versions waits for it: a request that answers meanwhile did not read them on its path. */
  gate?: Promise<void>;
  /** Rewrites the rows a read of the versions returns (a replica or a refresh that answers an older state). */
  doctor?: (rows: { key: string; value: string; at: string }[]) => { key: string; value: string; at: string }[];
}

const VERSIONS_SQL = /FROM meta WHERE key IN/;

function probed(probe: Probe): D1Database {
  const statement = (target: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(target, {
      get(t, prop) {
        if (prop === 'all' && VERSIONS_SQL.test(sql)) {
          return async () => {
            if (probe.gate) await probe.gate;
            const result = await t.all<{ key: string; value: string; at: string }>();
            return probe.doctor ? { ...result, results: probe.doctor(result.results) } : result;
          };
        }
        const value = Reflect.get(t, prop, t);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  return d1WithStatements(
    env.DB,
    (t, sql) => {
      probe.sql.push(sql);
      return statement(t, sql);
    },
    () => probe.sql.push('batch'),
  );
}

let now = 0;
let probe: Probe;
let background: Promise<unknown>[];
const ctx = {
  waitUntil: (p: Promise<unknown>) => void background.push(p),
  passThroughOnException() {},
  props: {},
} as unknown as ExecutionContext;

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return worker.fetch(new Request(`https://example.test${path}`, { method, ...init }), { ...BINDINGS, DB: probed(probe) } as never, ctx);
}

async function read(path: string, headers: Record<string, string> = {}) {
  const res = await call('GET', path, { headers });
  expect(res.status).toBe(200);
  return { res, body: await res.json<any>(), etag: res.headers.get('ETag')! };
}

/** The data version an ETag was made at: `"<version>-<hash>"`. */
const versionOf = (etag: string) => Number(/^"(\d+)-/.exec(etag)![1]);

const LIST = (await env.DB.prepare('SELECT id FROM lists ORDER BY id LIMIT 1').first<string>('id'))!;
const LIST_PATH = `/api/v1/lists/${encodeURIComponent(LIST)}`;
/** A write by another isolate: straight into D1, which moves the data version as any write of the lists does. */
const writeElsewhere = (note: string) => env.DB.prepare('UPDATE lists SET note = ?1, note_zh = ?1 WHERE id = ?2').bind(note, LIST).run();

beforeEach(() => {
  now = 1_000_000;
  probe = { sql: [] };
  background = [];
  resetForTests({ now: () => now });
});
afterEach(async () => {
  await Promise.allSettled(background);
  resetForTests();
});

describe('freshness: the isolate keeps the versions for N seconds', () => {
  it('a second read within N is served from the isolate without a single D1 call', async () => {
    const first = await read(LIST_PATH);
    expect(probe.sql.some((s) => VERSIONS_SQL.test(s))).toBe(true);
    probe.sql = [];
    now += N_MS / 5;
    const second = await read(LIST_PATH);
    expect(probe.sql).toEqual([]);
    expect(second.etag).toBe(first.etag);
    expect(second.body).toEqual(first.body);
  });

  it('a write elsewhere is seen once N has passed, not necessarily before', async () => {
    const before = await read(LIST_PATH);
    await writeElsewhere('freshness: written elsewhere');
    now += N_MS / 4;
    // Allowed by the promise: the write is younger than N, and the isolate still answers from its copy.
    expect((await read(LIST_PATH)).etag).toBe(before.etag);
    now += N_MS;
    const after = await read(LIST_PATH);
    expect(after.body.note).toBe('freshness: written elsewhere');
    expect(versionOf(after.etag)).toBeGreaterThan(versionOf(before.etag));
  });

  it('past N/2 the versions are refreshed in the background, one refresh at a time, and no read waits for it', async () => {
    const before = await read(LIST_PATH);
    await writeElsewhere('freshness: refreshed in the background');
    now += (N_MS * 3) / 5;
    let open!: () => void;
    probe.gate = new Promise((resolve) => (open = resolve));
    probe.sql = [];
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('a read waited for the versions')), 5000));
    const during = await Promise.race([Promise.all([read(LIST_PATH), read(LIST_PATH), read(LIST_PATH)]), timeout]);
    for (const r of during) expect(r.etag).toBe(before.etag);
    expect(probe.sql.filter((s) => VERSIONS_SQL.test(s))).toHaveLength(1);
    expect(background).toHaveLength(1);
    open();
    await Promise.all(background);
    probe.sql = [];
    now += N_MS / 5;
    const after = await read(LIST_PATH);
    expect(after.body.note).toBe('freshness: refreshed in the background');
    expect(probe.sql.filter((s) => VERSIONS_SQL.test(s))).toEqual([]);
  });

  it('an idle isolate (copy older than N) reads the versions on the path', async () => {
    await read(LIST_PATH);
    await writeElsewhere('freshness: after a pause');
    now += N_MS * 10;
    probe.sql = [];
    expect((await read(LIST_PATH)).body.note).toBe('freshness: after a pause');
    expect(probe.sql.filter((s) => VERSIONS_SQL.test(s))).toHaveLength(1);
  });
  it('a page of the site keeps the same promise, and reads no version while the copy is young', async () => {
    const page = `/lists/${encodeURIComponent(LIST)}`;
    expect((await call('GET', page)).status).toBe(200);
    await writeElsewhere('freshness: on the page');
    now += N_MS + 1;
    probe.sql = [];
    const res = await call('GET', page);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('freshness: on the page');
    expect(probe.sql.filter((s) => VERSIONS_SQL.test(s))).toHaveLength(1);
    probe.sql = [];
    now += N_MS / 5;
    expect((await call('GET', page)).status).toBe(200);
    expect(probe.sql.filter((s) => VERSIONS_SQL.test(s))).toEqual([]);
  });
});

describe('freshness: writes', () => {
  it('after an admin write, this isolate reads it at once, and so does a client with the bookmark the write returned', async () => {
    const before = await read(LIST_PATH);
    const write = await call('PATCH', `/api/v1/admin/lists/${encodeURIComponent(LIST)}`, {
      headers: EDITOR,
      body: JSON.stringify({ note: 'freshness: admin write' }),
    });
    expect(write.status).toBe(200);
    const bookmark = write.headers.get('x-d1-bookmark');
    expect(bookmark).toBeTruthy();
    // Same instant: no step of the clock.
    const after = await read(LIST_PATH);
    expect(after.body.note).toBe('freshness: admin write');
    expect(versionOf(after.etag)).toBeGreaterThan(versionOf(before.etag));
    expect((await read(LIST_PATH, { 'x-d1-bookmark': bookmark! })).body.note).toBe('freshness: admin write');
  });

  it('a client that sends its bookmark reads a write made elsewhere at once, while others may wait up to N', async () => {
    const before = await read(LIST_PATH);
    const session = env.DB.withSession('first-primary');
    await session.prepare('UPDATE lists SET note = ? WHERE id = ?').bind('freshness: with a bookmark', LIST).run();
    const bookmark = session.getBookmark();
    expect(bookmark).toBeTruthy();
    const mine = await read(LIST_PATH, { 'x-d1-bookmark': bookmark! });
    expect(mine.body.note).toBe('freshness: with a bookmark');
    // The bookmark's read moved the isolate's versions forward: nobody is answered at an older version afterwards.
    const theirs = await read(LIST_PATH);
    expect(versionOf(theirs.etag)).toBeGreaterThanOrEqual(versionOf(mine.etag));
    expect(theirs.body.note).toBe('freshness: with a bookmark');
    expect(versionOf(mine.etag)).toBeGreaterThan(versionOf(before.etag));
  });

  it('a malformed bookmark is ignored, and the read is answered from the isolate as any other', async () => {
    const first = await read(LIST_PATH);
    probe.sql = [];
    for (const bad of ['<script>', '%00', 'a b', 'x'.repeat(300)])
      expect((await read(LIST_PATH, { 'x-d1-bookmark': bad })).etag).toBe(first.etag);
    expect(probe.sql).toEqual([]);
  });

  it('after a survey submission, this isolate serves the new results at once; a results change elsewhere within N', async () => {
    const path = `/api/v1/towns/${KNOWN_TOWN}/satisfaction`;
    const before = await read(path);
    const res = await call('POST', '/api/v1/surveys/public/responses', {
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '203.0.113.77', 'Idempotency-Key': newKey() },
      body: JSON.stringify({ town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true } }),
    });
    expect(res.status).toBe(201);
    const after = await read(path);
    expect(after.etag).not.toBe(before.etag);
    // A submission in another isolate moves the results version the same way (worker/db/queries/submissions.ts).
    await env.DB.prepare("UPDATE meta SET value = 'freshness-elsewhere', updated_at = ? WHERE key = 'results_version'")
      .bind(new Date().toISOString())
      .run();
    now += N_MS + 1;
    const later = await read(path);
    expect(later.etag).not.toBe(after.etag);
    expect(later.etag.startsWith(after.etag.split('.')[0]!)).toBe(true);
  });
});

describe('freshness: versions never go backwards', () => {
  it('a refresh that answers an older version is ignored: the ETag and Last-Modified stay', async () => {
    await writeElsewhere('freshness: monotonic');
    const before = await read(LIST_PATH);
    now += N_MS + 1;
    probe.doctor = (rows) =>
      rows.map((r) => (r.key === 'data_version' ? { ...r, value: String(Number(r.value) - 1), at: '2001-01-01T00:00:00.000Z' } : r));
    const after = await read(LIST_PATH);
    expect(after.etag).toBe(before.etag);
    // Last-Modified appears only once the second of the change is over, so it may appear now; never the older date.
    const [was, is] = [before.res.headers.get('Last-Modified'), after.res.headers.get('Last-Modified')];
    if (was) expect(is).toBe(was);
    if (is) expect(Date.parse(is)).toBeGreaterThan(Date.parse('2001-01-02T00:00:00Z'));
    expect(after.body.note).toBe('freshness: monotonic');
  });

  it('only a primary that keeps answering older for a minute (a restored database) is followed back', async () => {
    const before = await read(LIST_PATH);
    probe.doctor = (rows) => rows.map((r) => (r.key === 'data_version' ? { ...r, value: String(Number(r.value) - 1) } : r));
    for (let step = 0; step < 5; step++) {
      now += 10_000;
      expect((await read(LIST_PATH)).etag).toBe(before.etag);
    }
    now += 61_000;
    expect(versionOf((await read(LIST_PATH)).etag)).toBe(versionOf(before.etag) - 1);
  });

  it('a bookmark read that finds an older version is answered at the newer one the isolate has served', async () => {
    await writeElsewhere('freshness: bookmark older');
    const before = await read(LIST_PATH);
    const bookmark = before.res.headers.get('x-d1-bookmark');
    expect(bookmark).toBeTruthy();
    probe.doctor = (rows) => rows.map((r) => (r.key === 'data_version' ? { ...r, value: String(Number(r.value) - 1) } : r));
    const behind = await read(LIST_PATH, { 'x-d1-bookmark': bookmark! });
    expect(behind.etag).toBe(before.etag);
    expect(behind.body.note).toBe('freshness: bookmark older');
    probe.doctor = undefined;
    expect((await read(LIST_PATH)).etag).toBe(before.etag);
  });
});

describe('FRESHNESS_SECONDS', () => {
  it('is a number of seconds from 0 to 60, 1 unless set', () => {
    expect(config({}).freshnessMs).toBe(1000);
    expect(config({ FRESHNESS_SECONDS: '' }).freshnessMs).toBe(1000);
    expect(config({ FRESHNESS_SECONDS: '0' }).freshnessMs).toBe(0);
    expect(config({ FRESHNESS_SECONDS: '2.5' }).freshnessMs).toBe(2500);
    expect(config({ FRESHNESS_SECONDS: '60' }).freshnessMs).toBe(60_000);
    for (const bad of ['-1', '61', '1e3', 'abc', 'Infinity', 'NaN', '0x10', '1s', '١']) {
      expect(() => config({ FRESHNESS_SECONDS: bad }).freshnessMs, bad).toThrow(/FRESHNESS_SECONDS/);
    }
  });
});
