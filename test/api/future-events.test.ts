import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/db/client.ts';
import worker from '../../worker/index.ts';
import { HistorySchema, TownPageSchema, TownSchema } from '../../worker/schemas/towns.ts';
import { listingsByYear } from '../../worker/services/overview.ts';
import { getTownHistory } from '../../worker/services/towns.ts';
import { ADMIN_TOKENS, get, getParsed, KNOWN_TOWN, request } from '../helpers.ts';

// Security issue 11, finding 10: a read without `as_of` means today (Beijing); an event dated later is
// scheduled, shown as such, and takes effect on its day without a write by staff; a date implausibly far
// ahead is refused.

const EDITOR = ADMIN_TOKENS.editor;
const LIST = 'mohurd-2016-batch1';
const OTHER_TOWN = 'beijing-gubeikouzhen';

const DAY = 86_400_000;
/** Beijing's date (UTC+8) at the instant `ms`, computed here independently of the worker's own helper. */
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const today = beijing(Date.now());
const tomorrow = beijing(Date.now() + DAY);
const year = Number(today.slice(0, 4));

function send(method: string, path: string, body: unknown, contentType = 'application/json') {
  return request(method, path, {
    headers: { Authorization: EDITOR, 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const event = (fields: Record<string, unknown>) =>
  send('POST', '/api/v1/admin/events', { town_id: KNOWN_TOWN, list_id: LIST, source_id: sourceId, ...fields });
const membershipOf = async (townId = KNOWN_TOWN, listId = LIST) =>
  (await getParsed(TownSchema, `/api/v1/towns/${townId}`)).body.memberships.find((m) => m.list_id === listId);
const eliminatedOnList = async (query = '') =>
  ((await getParsed(TownPageSchema, `/api/v1/towns?status=eliminated&list=${LIST}&limit=500${query}`)).body.items as any[]).map(
    (t) => t.id,
  );
const dataVersion = async () => (await env.DB.prepare("SELECT value FROM meta WHERE key = 'data_version'").first<string>('value'))!;

/** Runs the Cron Trigger as Cloudflare would at `at` (a UTC instant). */
async function runCron(at: number) {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '0 * * * *' }), env);
}

let sourceId: string;
let before: { status: string; status_since: string | null };
const eliminatedIn = async (y: string) => (await listingsByYear(createDb(env.DB))).find((r) => r.year === y)?.eliminated ?? 0;
let eliminatedThatYear: number;

beforeAll(async () => {
  const res = await send('POST', '/api/v1/admin/sources', {
    title: '测试通知：提前公布的淘汰决定',
    document_number: '测〔2026〕88号',
    published_on: today,
  });
  expect(res.status).toBe(201);
  sourceId = (await res.json<any>()).id;
  before = (await membershipOf())!;
  expect(before.status).not.toBe('eliminated');
  eliminatedThatYear = await eliminatedIn(tomorrow.slice(0, 4));
});

describe('an event dated after today (Beijing) is scheduled, not current', () => {
  let scheduledId: number;

  it('is accepted, but the town is not yet listed under its status, nor does its page say so', async () => {
    const res = await event({ status: 'eliminated', effective_date: tomorrow, note: '次日起淘汰' });
    expect(res.status).toBe(201);
    scheduledId = (await res.json<any>()).id;

    expect(await eliminatedOnList()).not.toContain(KNOWN_TOWN);
    expect(await membershipOf()).toMatchObject({ status: before.status, status_since: before.status_since });
    const html = await (await get(`/towns/${KNOWN_TOWN}`)).text();
    expect(html).toContain('尚未生效');
    expect(await (await get(`/towns/${KNOWN_TOWN}?lang=en`)).text()).toContain('Scheduled: not yet in effect');
  });

  it('is marked scheduled in the history; every event in effect is not', async () => {
    const { body } = await getParsed(HistorySchema, `/api/v1/towns/${KNOWN_TOWN}/history`);
    const items = body.items as any[];
    expect(items.find((e) => e.id === scheduledId)).toMatchObject({ status: 'eliminated', effective_date: tomorrow, scheduled: true });
    expect(items.filter((e) => e.id !== scheduledId).every((e) => e.scheduled === false)).toBe(true);
  });

  it('counts for an as_of on or after its day, and for none before', async () => {
    expect(await eliminatedOnList(`&as_of=${tomorrow}`)).toContain(KNOWN_TOWN);
    expect(await eliminatedOnList(`&as_of=${today}`)).not.toContain(KNOWN_TOWN);
  });

  it('does not stop the town from being counted as it is today, nor count in the yearly statistics yet', async () => {
    const { body } = await getParsed(TownPageSchema, `/api/v1/towns?status=${before.status}&list=${LIST}&limit=500`);
    expect(body.items.map((t: any) => t.id)).toContain(KNOWN_TOWN);
    expect(await eliminatedIn(tomorrow.slice(0, 4))).toBe(eliminatedThatYear);
  });

  it('takes effect when its day arrives, with no write by staff (the Cron Trigger)', async () => {
    const version = await dataVersion();
    // The hourly run just after midnight in Beijing (16:05 UTC the day before).
    await runCron(Date.parse(`${tomorrow}T00:05:00+08:00`));
    expect(await membershipOf()).toMatchObject({ status: 'eliminated', status_since: tomorrow });
    expect(await eliminatedOnList()).toContain(KNOWN_TOWN);
    // The data version moved, so no cache (ETag, the isolate's copies) keeps the old status.
    expect(Number(await dataVersion())).toBeGreaterThan(Number(version));
    const { items } = await getTownHistory(createDb(env.DB), KNOWN_TOWN, tomorrow);
    expect(items.find((e) => e.id === scheduledId)!.scheduled).toBe(false);

    // A second run on the same day finds nothing due and writes nothing.
    const after = await dataVersion();
    await runCron(Date.parse(`${tomorrow}T01:05:00+08:00`));
    expect(await dataVersion()).toBe(after);
  });
});

describe('a date implausibly far ahead, or an entry in the future, is refused with 422', () => {
  it('refuses an event beyond the end of next year', async () => {
    for (const date of ['2063-01-01', `${year + 2}-01-01`, `${year + 2}`]) {
      const res = await event({ town_id: OTHER_TOWN, status: 'warned', effective_date: date });
      expect(res.status, date).toBe(422);
      const body = await res.json<any>();
      expect(body.type).toBe('urn:tesexiaozhen:problem:write-rejected');
      expect(body.errors.map((e: any) => e.name)).toContain('effective_date');
    }
    expect((await event({ town_id: OTHER_TOWN, status: 'warned', effective_date: `${year + 1}-12-31` })).status).toBe(201);
  });

  it('refuses the entry of a town on a list before the day it takes effect', async () => {
    const res = await send('POST', '/api/v1/admin/lists/sport-2017-pilot-batch1/towns', {
      town_id: OTHER_TOWN,
      status: 'pilot',
      effective_date: tomorrow,
      source_id: sourceId,
    });
    expect(res.status).toBe(422);
    expect((await res.json<any>()).detail).toMatch(/once that day has come/);
  });

  it('reports a far-future row of an import as a problem of its effective_date, and imports nothing', async () => {
    const csv = `town,list,status,effective_date,document\n${OTHER_TOWN},${LIST},retained,2063-05-01,${sourceId}\n`;
    const dry = await send('POST', '/api/v1/admin/imports?dry_run=true', csv, 'text/csv; charset=utf-8');
    expect(dry.status).toBe(200);
    const report = await dry.json<any>();
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ row: 2, column: 'effective_date', code: 'invalid-value' })]);
    expect((await send('POST', '/api/v1/admin/imports', csv, 'text/csv; charset=utf-8')).status).toBe(422);
  });
});
