import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { AuditPageSchema } from '../../worker/schemas/admin.ts';
import { ListDetailSchema } from '../../worker/schemas/lists.ts';
import { HistorySchema, TownPageSchema, TownSchema } from '../../worker/schemas/towns.ts';
import { faultyD1 } from '../faulty-d1.ts';
import { ADMIN_TOKENS, get, getParsed, KNOWN_TOWN, request } from '../helpers.ts';

const ADMIN = ADMIN_TOKENS.admin;
const EDITOR = ADMIN_TOKENS.editor;
const AUDITOR = ADMIN_TOKENS.auditor;
const SURVEYS = ADMIN_TOKENS.surveys;

function send(method: string, path: string, body: unknown, auth = EDITOR, contentType = 'application/json') {
  return request(method, path, {
    headers: { Authorization: auth, 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function sendJson<T = any>(method: string, path: string, body: unknown, auth = EDITOR) {
  const res = await send(method, path, body, auth);
  return { res, body: (await res.json()) as T };
}

const scalar = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<number>('n'))!;
const counts = async () => ({
  events: await scalar('SELECT COUNT(*) AS n FROM status_events'),
  memberships: await scalar('SELECT COUNT(*) AS n FROM memberships'),
  audit: await scalar('SELECT COUNT(*) AS n FROM audit_log'),
  changes: await scalar('SELECT MAX(seq) AS n FROM change_log'),
});

const NOTICE = {
  title: '测试通知：2026年度特色小镇考核结果',
  document_number: '测特镇〔2026〕1号',
  issuer: '测试省特色小镇办公室',
  published_on: '2026-06-30',
  urls: ['https://example.org/notice-2026'],
};
const LIST = 'test-2026-named';

let sourceId: string;

beforeAll(async () => {
  const { res, body } = await sendJson('POST', '/api/v1/admin/sources', NOTICE);
  expect(res.status).toBe(201);
  sourceId = body.id;
  const list = await sendJson('POST', '/api/v1/admin/lists', {
    id: LIST,
    name: '测试省2026年命名特色小镇',
    name_en: 'Test province towns named in 2026',
    level: 'provincial',
    kind: 'named',
    province: '北京市',
    source_id: sourceId,
    official_count: 2,
  });
  expect(list.res.status).toBe(201);
});

describe('admin tokens and roles', () => {
  it('refuses no token (401), an unknown token (403) and a token without the role (403)', async () => {
    const body = { town_id: KNOWN_TOWN, list_id: LIST, status: 'named', effective_date: '2026-06-30', source_id: 'doc-x' };
    expect((await send('POST', '/api/v1/admin/events', body, '')).status).toBe(401);
    expect((await send('POST', '/api/v1/admin/events', body, 'Bearer nope')).status).toBe(403);
    const auditor = await send('POST', '/api/v1/admin/events', body, AUDITOR);
    expect(auditor.status).toBe(403);
    expect((await auditor.json<any>()).detail).toContain('editor');
    expect((await send('POST', '/api/v1/admin/events', body, SURVEYS)).status).toBe(403);
    expect((await get('/api/v1/admin/audit', { Authorization: EDITOR })).status).toBe(403);
    expect((await get('/api/v1/admin/audit', { Authorization: AUDITOR })).status).toBe(200);
    expect((await get('/api/v1/admin/surveys/public/responses', { Authorization: EDITOR })).status).toBe(403);
    expect((await get('/api/v1/admin/surveys/public/responses', { Authorization: SURVEYS })).status).toBe(200);
  });
});

describe('sources, lists and towns', () => {
  it('recording the same document twice returns the first record', async () => {
    const again = await sendJson('POST', '/api/v1/admin/sources', NOTICE);
    expect(again.res.status).toBe(200);
    expect(again.body.id).toBe(sourceId);
  });

  it('a new list is public at once, and a duplicate id is a 409', async () => {
    const { body } = await getParsed(ListDetailSchema, `/api/v1/lists/${LIST}`);
    expect(body).toMatchObject({ id: LIST, town_count: 0, official_count: 2, complete: false, source: { id: sourceId } });
    const dup = await send('POST', '/api/v1/admin/lists', {
      id: LIST,
      name: 'x',
      name_en: 'x',
      level: 'national',
      kind: 'named',
      source_id: sourceId,
    });
    expect(dup.status).toBe(409);
    const unknownSource = await sendJson('POST', '/api/v1/admin/lists', {
      id: 'test-other',
      name: 'x',
      name_en: 'x',
      level: 'national',
      kind: 'named',
      source_id: 'doc-nope',
    });
    expect(unknownSource.res.status).toBe(422);
    expect(unknownSource.body.type).toBe('urn:tesexiaozhen:problem:unknown-reference');
  });

  it('editing a list records before and after in the audit log', async () => {
    const { res, body } = await sendJson('PATCH', `/api/v1/admin/lists/${LIST}`, { name_en: 'Towns named in 2026 (test)' });
    expect(res.status).toBe(200);
    expect(body.name_en).toBe('Towns named in 2026 (test)');
    const audit = await getParsed(AuditPageSchema, `/api/v1/admin/audit?entity=list&entity_id=${LIST}`, { Authorization: ADMIN });
    const [update, create] = audit.body.items;
    expect(update).toMatchObject({
      action: 'update',
      actor: 'test-editor',
      before: { name_en: 'Test province towns named in 2026' },
      after: { name_en: 'Towns named in 2026 (test)' },
    });
    expect(create).toMatchObject({ action: 'create', before: null, after: { id: LIST } });
    expect((await send('PATCH', '/api/v1/admin/lists/no-such-list', { note: 'x' })).status).toBe(404);
  });

  it('a new note of a data list drops its Chinese translation rather than leave it saying something else', async () => {
    const list = 'mohurd-2017-batch2';
    const { body: before } = await getParsed(ListDetailSchema, `/api/v1/lists/${list}`);
    expect(before.note_zh).toEqual(expect.any(String));
    const { res, body } = await sendJson('PATCH', `/api/v1/admin/lists/${list}`, { note: 'The final notice was read in full.' });
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ note: 'The final notice was read in full.', note_zh: null });
    const { body: after } = await getParsed(ListDetailSchema, `/api/v1/lists/${list}`);
    expect(after).toMatchObject({ note: 'The final notice was read in full.', note_zh: null });
    const audit = await getParsed(AuditPageSchema, `/api/v1/admin/audit?entity=list&entity_id=${list}`, { Authorization: ADMIN });
    expect(audit.body.items[0]).toMatchObject({ before: { note_zh: before.note_zh }, after: { note_zh: null } });
    // Changing something else keeps the translation that is there.
    await env.DB.prepare("UPDATE lists SET note_zh = '最终通知已全文读到。' WHERE id = ?").bind(list).run();
    const renamed = await sendJson('PATCH', `/api/v1/admin/lists/${list}`, { name_en: 'Second batch of national characteristic towns' });
    expect(renamed.body.note_zh).toBe('最终通知已全文读到。');
  });

  it('a new town can be created once and found by search', async () => {
    const town = { id: 'beijing-ceshizhen', name: '测试镇', name_pinyin: 'ce shi zhen', province: '北京市', county: '房山区' };
    const { res } = await sendJson('POST', '/api/v1/admin/towns', town);
    expect(res.status).toBe(201);
    expect((await send('POST', '/api/v1/admin/towns', town)).status).toBe(409);
    const bad = await sendJson('POST', '/api/v1/admin/towns', { ...town, id: 'Bad Id', name_pinyin: 'Ce Shi' });
    expect(bad.res.status).toBe(400);
  });
});

describe('status events', () => {
  it('a town joins a list with its first event, then can be eliminated; eliminating a town not on the list is refused', async () => {
    const notOn = await sendJson('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'eliminated',
      effective_date: '2026-07',
      source_id: sourceId,
    });
    expect(notOn.res.status).toBe(422);
    expect(notOn.body.type).toBe('urn:tesexiaozhen:problem:write-rejected');

    const join = await sendJson('POST', `/api/v1/admin/lists/${LIST}/towns`, {
      town_id: 'beijing-ceshizhen',
      status: 'named',
      effective_date: '2026-06-30',
      source_id: sourceId,
    });
    expect(join.res.status).toBe(201);
    expect(
      (
        await send('POST', `/api/v1/admin/lists/${LIST}/towns`, {
          town_id: 'beijing-ceshizhen',
          status: 'named',
          effective_date: '2026-06-30',
          source_id: sourceId,
        })
      ).status,
    ).toBe(409);
    const list = await getParsed(ListDetailSchema, `/api/v1/lists/${LIST}`);
    expect(list.body.town_count).toBe(1);
    expect(
      (
        await send('POST', '/api/v1/admin/lists/no-such-list/towns', {
          town_id: 'beijing-ceshizhen',
          status: 'named',
          effective_date: '2026-06-30',
          source_id: sourceId,
        })
      ).status,
    ).toBe(404);

    const eliminated = await sendJson('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'eliminated',
      effective_date: '2026-08-01',
      source_id: sourceId,
      note: '考核不合格',
    });
    expect(eliminated.res.status).toBe(201);
    const town = await getParsed(TownSchema, '/api/v1/towns/beijing-ceshizhen');
    expect(town.body.memberships).toEqual([expect.objectContaining({ list_id: LIST, status: 'eliminated', status_since: '2026-08-01' })]);
    const again = await sendJson('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'eliminated',
      effective_date: '2026-08-01',
      source_id: sourceId,
    });
    expect(again.res.status).toBe(422);
    const after = await sendJson('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'retained',
      effective_date: '2026-09-01',
      source_id: sourceId,
    });
    expect(after.res.status).toBe(422);
    expect(after.body.detail).toMatch(/eliminated/);
  });

  it('a correction supersedes the wrong event without deleting it', async () => {
    const history = await getParsed(HistorySchema, '/api/v1/towns/beijing-ceshizhen/history');
    const wrong = history.body.items.find((e) => e.status === 'eliminated')!;
    const fix = await sendJson('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'retained',
      effective_date: '2026-08-01',
      source_id: sourceId,
      supersedes: wrong.id,
      note: '更正：考核合格',
    });
    expect(fix.res.status).toBe(201);
    expect(fix.body.supersedes).toBe(wrong.id);
    const items = (await getParsed(HistorySchema, '/api/v1/towns/beijing-ceshizhen/history')).body.items;
    expect(items.map((e: any) => [e.status, e.superseded_by, e.supersedes])).toEqual([
      ['named', null, null],
      ['eliminated', fix.body.id, null],
      ['retained', null, wrong.id],
    ]);
    const town = await getParsed(TownSchema, '/api/v1/towns/beijing-ceshizhen');
    expect(town.body.memberships[0]!.status).toBe('retained');
    const asOf = await getParsed(TownPageSchema, `/api/v1/towns?list=${LIST}&as_of=2026-08-15&status=eliminated`);
    expect(asOf.body.total).toBe(0);
    const twice = await send('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'retained',
      effective_date: '2026-08-02',
      source_id: sourceId,
      supersedes: wrong.id,
    });
    expect(twice.status).toBe(422);
    // A correction that keeps the status and date and fixes only the note is a correction, not a duplicate.
    const noteOnly = await sendJson('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'retained',
      effective_date: '2026-08-01',
      source_id: sourceId,
      supersedes: fix.body.id,
      note: '更正：考核合格（复核）',
    });
    expect(noteOnly.res.status).toBe(201);
    expect((await getParsed(TownSchema, '/api/v1/towns/beijing-ceshizhen')).body.memberships[0]!.status).toBe('retained');
  });
});

const IMPORT_HEADER = 'town,list,status,effective_date,document,province,note\n';

function importCsv(csv: string, dryRun: boolean, auth = EDITOR) {
  return send('POST', `/api/v1/admin/imports?dry_run=${dryRun}`, csv, auth, 'text/csv; charset=utf-8');
}

describe('importing a notice', () => {
  it('a dry run reports every problem and writes nothing', async () => {
    const before = await counts();
    const csv =
      IMPORT_HEADER +
      [
        `长沟镇,${LIST},named,2026-06-30,测特镇〔2026〕1号,北京市,`,
        `长沟,${LIST},named,2026-06-30,测特镇〔2026〕1号,北京市,`,
        `长沟镇,${LIST},named,2026-06-30,测特镇〔2026〕1号,北京市,`,
        `beijing-gubeikouzhen,${LIST},eliminated,2026-06-30,${sourceId},,`,
        `beijing-changgouzhen,no-such-list,named,2026-06-30,${sourceId},,`,
        `beijing-changgouzhen,${LIST},famous,2026-06-30,${sourceId},,`,
        `beijing-changgouzhen,${LIST},named,2026-06-30,no-such-doc,,`,
      ].join('\n');
    const res = await importCsv(csv, true);
    expect(res.status).toBe(200);
    const report = await res.json<any>();
    expect(report).toMatchObject({ dry_run: true, valid: false, rows: 7 });
    const byRow = Object.fromEntries(report.problems.map((p: any) => [p.row, p]));
    expect(byRow[3]).toMatchObject({ code: 'unknown-town', column: 'town' });
    expect(byRow[3].suggestions.map((s: any) => s.id)).toContain('beijing-changgouzhen');
    expect(byRow[4].code).toBe('duplicate-row');
    expect(byRow[5].code).toBe('not-on-list');
    expect(byRow[6].code).toBe('unknown-list');
    expect(byRow[7].code).toBe('invalid-value');
    expect(byRow[8].code).toBe('unknown-document');
    expect(await counts()).toEqual(before);
  });

  it('a real run with a problem is refused whole (422) and writes nothing', async () => {
    const before = await counts();
    const csv = `${IMPORT_HEADER}长沟镇,${LIST},named,2026-06-30,${sourceId},北京市,\n无此镇,${LIST},named,2026-06-30,${sourceId},北京市,\n`;
    const res = await importCsv(csv, false);
    expect(res.status).toBe(422);
    const problem = await res.json<any>();
    expect(problem.type).toBe('urn:tesexiaozhen:problem:write-rejected');
    expect(problem.errors[0].name).toBe('row 3: town');
    expect(await counts()).toEqual(before);
  });

  it('a valid notice lands whole: public API, as-of answers, audit entries and change feed', async () => {
    const before = await counts();
    const beforeNotice = await getParsed(TownPageSchema, `/api/v1/towns?list=${LIST}&as_of=2026-06-01`);
    expect(beforeNotice.body.total).toBe(0);
    const csv = `${IMPORT_HEADER}长沟镇,${LIST},named,2026-06-30,${sourceId},北京市,首批\n`;
    const dry = await (await importCsv(csv, true)).json<any>();
    expect(dry).toMatchObject({ valid: true, memberships_created: 1, events: [{ row: 2, event_id: null, new_membership: true }] });
    const res = await importCsv(csv, false);
    expect(res.status).toBe(201);
    const report = await res.json<any>();
    expect(report.events[0].event_id).toBeGreaterThan(0);
    const after = await counts();
    expect(after.events - before.events).toBe(1);
    expect(after.memberships - before.memberships).toBe(1);
    expect(after.audit - before.audit).toBe(2);
    expect(after.changes).toBeGreaterThan(before.changes);

    expect((await getParsed(TownPageSchema, `/api/v1/towns?list=${LIST}&as_of=2026-06-01`)).body.total).toBe(0);
    expect(
      (await getParsed(TownPageSchema, `/api/v1/towns?list=${LIST}&as_of=2026-07-01&status=named&q=changgou`)).body.items.map(
        (t: any) => t.id,
      ),
    ).toEqual([KNOWN_TOWN]);
    const list = (await getParsed(ListDetailSchema, `/api/v1/lists/${LIST}`)).body;
    expect(list).toMatchObject({ town_count: 2, official_count: 2, complete: true });
    const audit = (await getParsed(AuditPageSchema, `/api/v1/admin/audit?actor=test-editor&limit=2`, { Authorization: ADMIN })).body;
    expect(audit.items.map((e: any) => [e.action, e.entity])).toEqual([
      ['import', 'event'],
      ['import', 'membership'],
    ]);
    expect(audit.items[0]!.request_id).toBe(audit.items[1]!.request_id);
    expect((await importCsv(csv, false)).status).toBe(422);
  });

  it('needs text/csv, the required columns and the editor role', async () => {
    expect((await send('POST', '/api/v1/admin/imports', 'town\n', EDITOR, 'application/json')).status).toBe(415);
    const missing = await (await importCsv('town,list\nx,y\n', true)).json<any>();
    expect(missing.problems.map((p: any) => p.column)).toEqual(['status', 'effective_date', 'document']);
    expect((await importCsv(IMPORT_HEADER, true, AUDITOR)).status).toBe(403);
  });

  it('D1 failing in the middle of an import gives 503 with Retry-After, leaves nothing behind, and the retry imports exactly once', async () => {
    const post = (csv: string, key: string, db?: D1Database) =>
      worker.fetch(
        new Request('https://example.test/api/v1/admin/imports', {
          method: 'POST',
          headers: { Authorization: EDITOR, 'Content-Type': 'text/csv', 'Idempotency-Key': key },
          body: csv,
        }),
        { ...env, DB: db ?? env.DB },
      );
    for (const [fault, town] of [
      ['before-commit', 'beijing-gubeikouzhen'],
      ['after-commit', '小汤山镇'],
    ] as const) {
      const csv = `${IMPORT_HEADER}${town},${LIST},named,2026-06-30,${sourceId},,\n`;
      const key = `import-${fault}-${Date.now()}`;
      const before = await counts();
      const res = await post(csv, key, faultyD1(env.DB, fault, /insert into "status_events"/i));
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toBeTruthy();
      expect((await res.json<any>()).type).toBe('urn:tesexiaozhen:problem:service-unavailable');
      const afterFault = await counts();
      // Before commit nothing was written; after commit all of it was: never a part.
      expect(afterFault.events - before.events).toBe(fault === 'before-commit' ? 0 : 1);
      expect(afterFault.audit - before.audit).toBe(fault === 'before-commit' ? 0 : 2);
      const retry = await post(csv, key);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('Idempotent-Replayed')).toBe(fault === 'before-commit' ? null : 'true');
      expect((await retry.json<any>()).events).toHaveLength(1);
      const final = await counts();
      expect(final.events - before.events).toBe(1);
      expect(final.audit - before.audit).toBe(2);
      const again = await post(csv, key);
      expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      expect((await counts()).events).toBe(final.events);
      const otherFile = await post(csv.replace('2026-06-30', '2026-07-01'), key);
      expect(otherFile.status).toBe(422);
      expect((await otherFile.json<any>()).type).toBe('urn:tesexiaozhen:problem:idempotency-key-reused');
    }
  });
});

describe('the audit log', () => {
  it('has an entry, with its author, for every record an admin request wrote', async () => {
    const rows = await env.DB.prepare(`
      SELECT 'source' AS entity, id FROM sources WHERE origin = 'admin'
      UNION ALL SELECT 'list', id FROM lists WHERE origin = 'admin'
      UNION ALL SELECT 'town', id FROM towns WHERE origin = 'admin'
      UNION ALL SELECT 'membership', town_id || '/' || list_id FROM memberships WHERE origin = 'admin'
      UNION ALL SELECT 'event', CAST(id AS TEXT) FROM status_events WHERE origin = 'admin'`).all<{ entity: string; id: string }>();
    expect(rows.results.length).toBeGreaterThan(5);
    for (const { entity, id } of rows.results) {
      const entry = await env.DB.prepare(
        "SELECT actor, action, after FROM audit_log WHERE entity = ? AND entity_id = ? AND action IN ('create', 'import')",
      )
        .bind(entity, id)
        .first<any>();
      expect(entry, `${entity} ${id}`).toMatchObject({ actor: 'test-editor' });
      expect(JSON.parse(entry.after)).toBeTruthy();
    }
    const page = await getParsed(AuditPageSchema, '/api/v1/admin/audit?limit=2', { Authorization: AUDITOR });
    expect(page.body.items).toHaveLength(2);
    const next = await getParsed(AuditPageSchema, `/api/v1/admin/audit?limit=2&cursor=${page.body.next_cursor}`, {
      Authorization: AUDITOR,
    });
    expect(next.body.items[0]!.id).toBeLessThan(page.body.items[1]!.id);
    expect((await get('/api/v1/admin/audit?cursor=bogus', { Authorization: AUDITOR })).status).toBe(400);
  });
});

describe('caches never serve data older than an admin write', () => {
  it('a read served from the isolate cache is never older than the last write', async () => {
    const path = '/api/v1/towns/beijing-ceshizhen';
    const read = async () => (await getParsed(TownSchema, path)).body.memberships.map((m) => m.status);
    const before = await read();
    expect(await read()).toEqual(before);
    await send('POST', '/api/v1/admin/events', {
      town_id: 'beijing-ceshizhen',
      list_id: LIST,
      status: 'warned',
      effective_date: '2026-10-01',
      source_id: sourceId,
    });
    expect(await read()).toEqual(['warned']);
  });

  it('the ETag and Last-Modified of a collection change with the write', async () => {
    const first = await get(`/api/v1/lists/${LIST}`);
    const etag = first.headers.get('ETag')!;
    expect((await get(`/api/v1/lists/${LIST}`, { 'If-None-Match': etag })).status).toBe(304);
    await send('PATCH', `/api/v1/admin/lists/${LIST}`, { note: 'cache test' });
    const fresh = await get(`/api/v1/lists/${LIST}`, { 'If-None-Match': etag });
    expect(fresh.status).toBe(200);
    expect((await fresh.json<any>()).note).toBe('cache test');
    const lastModified = fresh.headers.get('Last-Modified');
    if (lastModified) {
      // Given only once the second of the change is over, so a later write can never share it.
      expect(Date.parse(lastModified)).toBeLessThanOrEqual(Date.now());
    }
  });
});
