import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ListDetailSchema } from '../../worker/schemas/lists.ts';
import { TownFilterQuery, TownPageSchema, TownSchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, fullAnswers, get, getParsed, JSON_BODY, KNOWN_TOWN, request, submit } from '../helpers.ts';

/** The declared maximum of `q` (worker/schemas/towns.ts), shared by every route that takes it. */
const Q_MAX = TownFilterQuery.shape.q.unwrap().maxLength!;

/** Every route that takes `q`, the API's and the site's, as a path for a given query string. */
const ROUTES: [name: string, path: (q: string) => string][] = [
  ['towns', (q) => `/api/v1/towns?${new URLSearchParams({ q })}`],
  ["a list's towns", (q) => `/api/v1/lists/mohurd-2016-batch1/towns?${new URLSearchParams({ q })}`],
  ['towns as CSV', (q) => `/api/v1/towns?${new URLSearchParams({ q, format: 'csv' })}`],
  ['stats', (q) => `/api/v1/stats?${new URLSearchParams({ q })}`],
  ['satisfaction', (q) => `/api/v1/satisfaction?${new URLSearchParams({ q })}`],
  ['home page', (q) => `/?${new URLSearchParams({ q })}`],
  ['questionnaire town search', (q) => `/survey/public?${new URLSearchParams({ q })}`],
];

const API = ROUTES.filter(([, path]) => path('x').startsWith('/api/'));

async function status(path: string): Promise<number> {
  const res = await get(path);
  await res.arrayBuffer();
  return res.status;
}

async function townIds(q: string): Promise<string[]> {
  const { res, body } = await getParsed(TownPageSchema, `/api/v1/towns?${new URLSearchParams({ q, limit: '500' })}`);
  expect(res.status, q).toBe(200);
  return body.items.map((t: { id: string }) => t.id);
}

// With no response stored, the satisfaction query never reaches the town filter; one response makes it do so.
beforeAll(async () => {
  expect(
    (await submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: true } })).status,
  ).toBe(201);
});

describe('long and unusual searches (issue 11, finding 7)', () => {
  it(`declares q up to ${Q_MAX} characters`, () => {
    expect(Q_MAX).toBe(50);
  });

  // D1 refused a LIKE pattern over 50 bytes: 49 ASCII letters, 17 Chinese characters or 25 escaped `%` were enough.
  const LONG = {
    ascii: 'a'.repeat(Q_MAX),
    ascii49: 'changgouzhen'.repeat(5).slice(0, 49),
    chinese: '长沟镇'.repeat(17).slice(0, Q_MAX),
    percent: '%'.repeat(Q_MAX),
    underscore: '_'.repeat(Q_MAX),
    backslash: '\\'.repeat(Q_MAX),
    fullwidth: 'ｃｈａｎｇｇｏｕ'.repeat(8).slice(0, Q_MAX),
  };

  for (const [name, path] of ROUTES) {
    it(`${name} answers every query up to the maximum length without a 5xx`, async () => {
      for (const [kind, q] of Object.entries(LONG)) expect(await status(path(q)), `${kind}: ${path(q)}`).toBe(200);
    });
  }

  it('refuses a q over the maximum with a 400 on the API, not a 5xx', async () => {
    for (const [name, path] of API) expect(await status(path('a'.repeat(Q_MAX + 1))), name).toBe(400);
  });

  it('the pages cut an over-long search to the maximum, even inside a surrogate pair, without a 5xx', async () => {
    for (const q of [`${'a'.repeat(Q_MAX - 1)}😀`, '😀'.repeat(Q_MAX), '%'.repeat(200)]) {
      expect(await status(`/?${new URLSearchParams({ q })}`)).toBe(200);
      expect(await status(`/survey/public?${new URLSearchParams({ q })}`)).toBe(200);
    }
  });

  it('treats %, _ and \\ as plain characters, not wildcards', async () => {
    expect(await townIds('%')).toEqual([]);
    expect(await townIds('_')).toEqual([]);
    expect(await townIds('\\')).toEqual([]);
    expect(await townIds('chang%gou')).toEqual([]);
    expect(await townIds('changgou')).toContain('beijing-changgouzhen');
  });

  it('fuzz: any q up to the declared maximum, on every route, never gives a 5xx', async () => {
    const char = fc.oneof(
      fc.constantFrom('%', '_', '\\', ' ', '\u3000', "'", '"', '*', '[', ']', '^', '-', '\u0000', '\t'),
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('长', '沟', '镇', 'ｃ', 'Ａ', '①', 'ﬁ', '㍿', 'ⅻ', '\u0301', '😀'),
    );
    const query = fc.string({ unit: char, minLength: 1, maxLength: Q_MAX, size: 'max' });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), query, async ([name, path], q) => {
        const code = await status(path(q));
        if (code >= 500) throw new Error(`${name} ${JSON.stringify(q)}: ${code}`);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});

describe('search folds full-width and compatibility forms (issue 11, part of finding 11)', () => {
  it('finds 长沟镇 from full-width pinyin, initials and spaced forms', async () => {
    for (const q of ['ｃｈａｎｇｇｏｕ', 'ＣＨＡＮＧＧＯＵ', 'ｃｇｚ', 'chang　gou', 'ChangGou'])
      expect(await townIds(q), q).toContain('beijing-changgouzhen');
  });

  it('a town named with full-width letters is found by their ordinary forms, and the other way round', async () => {
    const headers = adminHeaders('admin', JSON_BODY);
    const town = await request('POST', '/api/v1/admin/towns', {
      headers,
      body: JSON.stringify({ id: 'beijing-abcezhen', name: 'ＡＢＣ镇', name_pinyin: 'abc e zhen', province: '北京市' }),
    });
    expect(town.status).toBe(201);
    const { body: list } = await getParsed(ListDetailSchema, '/api/v1/lists/mohurd-2016-batch1');
    const member = await request('POST', '/api/v1/admin/lists/mohurd-2016-batch1/towns', {
      headers,
      body: JSON.stringify({ town_id: 'beijing-abcezhen', status: 'approved', effective_date: '2016-10-14', source_id: list.source!.id }),
    });
    expect(member.status).toBe(201);
    expect((await getParsed(TownSchema, '/api/v1/towns/beijing-abcezhen')).body.name).toBe('ＡＢＣ镇');
    for (const q of ['abc镇', 'ABC', 'ＡＢＣ', 'ａｂｃ镇', 'aez']) expect(await townIds(q), q).toContain('beijing-abcezhen');
  }, 30_000);
});
