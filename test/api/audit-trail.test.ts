import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../worker/schemas/admin.ts';
import { ADMIN_TOKENS, fullAnswers, get, getJson, getParsed, request, submit } from '../helpers.ts';

// Security issue 11, finding 6: every admin action is audited, reads of personal data included,
// and the audit log is append-only in the database itself.

const AUDITOR = ADMIN_TOKENS.auditor;
const SURVEYS = ADMIN_TOKENS.surveys;

const auditCount = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM audit_log').first<number>('n'))!;
const auditOf = async (query: string) =>
  (await getParsed(AuditPageSchema, `/api/v1/admin/audit?${query}`, { Authorization: AUDITOR })).body.items as any[];
const putWindow = (id: string, body: unknown) =>
  request('PUT', `/api/v1/admin/surveys/${id}/window`, {
    headers: { Authorization: SURVEYS, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
// A survey's window is the window of its wave in question: the one open now (the enterprise survey's second).
const WAVE_IN_QUESTION: Record<string, string> = { public: 'public-w1', enterprise: 'enterprise-w2' };
const storedWindow = (id: string) =>
  env.DB.prepare('SELECT opens_at, closes_at FROM survey_waves WHERE id = ?')
    .bind(WAVE_IN_QUESTION[id])
    .first<{ opens_at: string | null; closes_at: string | null }>();

/** A trigger that makes the next audit entries of `action` fail, as a full or broken database would. */
async function auditFails(action: string, run: () => Promise<void>) {
  await env.DB.prepare(
    `CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log WHEN NEW.action = '${action}' BEGIN SELECT RAISE(ABORT, 'test: the audit log cannot be written'); END`,
  ).run();
  try {
    await run();
  } finally {
    await env.DB.prepare('DROP TRIGGER test_audit_fails').run();
  }
}

const receipts: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const res = await submit('public', {
      town_id: 'beijing-changgouzhen',
      consent: { participation: true },
      answers: await fullAnswers('public'),
    });
    expect(res.status).toBe(201);
    receipts.push((await res.json<any>()).receipt);
  }
});

describe('survey windows', () => {
  it('a window change writes an audit entry with the window before and after', async () => {
    const before = await storedWindow('enterprise');
    const window = { opens_at: '2026-11-01T00:00:00.000Z', closes_at: '2030-01-01T00:00:00.000Z' };
    const res = await putWindow('enterprise', window);
    expect(res.status).toBe(200);
    const [entry] = await auditOf('entity=wave&entity_id=enterprise-w2');
    expect(entry).toMatchObject({ actor: 'test-surveys', action: 'update', entity: 'wave', entity_id: 'enterprise-w2' });
    expect(entry.after).toEqual({ ...entry.before, ...window });
    expect(entry.before).toMatchObject({ ...before, survey_id: 'enterprise', version_id: 'enterprise-v2', publication: 'after_close' });
  });

  it('a window change whose audit entry cannot be written changes nothing', async () => {
    const before = await storedWindow('enterprise');
    await auditFails('update', async () => {
      const res = await putWindow('enterprise', { opens_at: null, closes_at: '2020-01-01T00:00:00Z' });
      expect(res.status).toBeGreaterThanOrEqual(500);
    });
    expect(await storedWindow('enterprise')).toEqual(before);
  });
});

describe('exports of raw responses (personal data)', () => {
  for (const format of ['ndjson', 'csv'] as const) {
    it(`an export (${format}) is audited: who, which survey, the format, how many rows and when, never the data`, async () => {
      const res = await get(`/api/v1/admin/surveys/public/responses?format=${format}`, { Authorization: SURVEYS });
      expect(res.status).toBe(200);
      const lines = (await res.text()).split('\n').filter(Boolean);
      const rows = format === 'csv' ? lines.length - 1 : lines.length;
      expect(rows).toBe(receipts.length);

      const [entry] = await auditOf('entity=responses&entity_id=public');
      expect(entry).toMatchObject({ actor: 'test-surveys', action: 'export', entity: 'responses', entity_id: 'public', before: null });
      expect(entry.after).toEqual({ format, rows, submitted_up_to: entry.at });
      expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
      const text = JSON.stringify(entry);
      for (const receipt of receipts) expect(text).not.toContain(receipt);
      expect(text).not.toContain('测试意见');
    });
  }

  it('an export whose audit entry cannot be written serves no data', async () => {
    const before = await auditCount();
    await auditFails('export', async () => {
      const res = await get('/api/v1/admin/surveys/public/responses?format=ndjson', { Authorization: SURVEYS });
      expect(res.status).toBeGreaterThanOrEqual(500);
      const body = await res.text();
      for (const receipt of receipts) expect(body).not.toContain(receipt);
    });
    expect(await auditCount()).toBe(before);
  });

  it('an export of an unknown survey is a 404 and records nothing', async () => {
    const before = await auditCount();
    expect((await get('/api/v1/admin/surveys/nope/responses', { Authorization: SURVEYS })).status).toBe(404);
    expect(await auditCount()).toBe(before);
  });
});

describe('the audit log is append-only in the database', () => {
  const addEntry = () =>
    env.DB.prepare(
      "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, request_id) VALUES ('2026-11-01T00:00:00.000Z', 'test-editor', 'create', 'town', 'beijing-x', NULL, '{}', 'r-1')",
    ).run();

  it('refuses UPDATE, DELETE and INSERT OR REPLACE of an entry', async () => {
    await addEntry();
    const entry = await env.DB.prepare('SELECT id, actor FROM audit_log ORDER BY id LIMIT 1').first<{ id: number; actor: string }>();
    const n = await auditCount();
    await expect(env.DB.prepare("UPDATE audit_log SET actor = 'someone else' WHERE id = ?").bind(entry!.id).run()).rejects.toThrow(
      /append-only/,
    );
    await expect(env.DB.prepare('DELETE FROM audit_log WHERE id = ?').bind(entry!.id).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM audit_log').run()).rejects.toThrow(/append-only/);
    await expect(
      env.DB.prepare(
        "INSERT OR REPLACE INTO audit_log (id, at, actor, action, entity, entity_id, request_id) VALUES (?, 'x', 'x', 'create', 'list', 'x', 'x')",
      )
        .bind(entry!.id)
        .run(),
    ).rejects.toThrow(/append-only/);
    expect(await auditCount()).toBe(n);
    expect((await env.DB.prepare('SELECT actor FROM audit_log WHERE id = ?').bind(entry!.id).first<{ actor: string }>())!.actor).toBe(
      entry!.actor,
    );
  });

  it('a refused change rolls back the whole batch it is in', async () => {
    await addEntry();
    const version = await env.DB.prepare("SELECT value FROM meta WHERE key = 'data_version'").first<string>('value');
    await expect(
      env.DB.batch([
        env.DB.prepare("UPDATE towns SET note = 'should not stay' WHERE id = 'beijing-changgouzhen'"),
        env.DB.prepare('DELETE FROM audit_log'),
      ]),
    ).rejects.toThrow(/append-only/);
    expect(await env.DB.prepare("SELECT note FROM towns WHERE id = 'beijing-changgouzhen'").first<string | null>('note')).not.toBe(
      'should not stay',
    );
    expect(await env.DB.prepare("SELECT value FROM meta WHERE key = 'data_version'").first<string>('value')).toBe(version);
  });

  it("reloading the data files (the loader's SQL) works with the log in place and leaves it untouched", async () => {
    await addEntry();
    const before = await env.DB.prepare('SELECT * FROM audit_log ORDER BY id').all();
    await env.DB.batch(env.TEST_SEED.map((statement) => env.DB.prepare(statement)));
    expect((await env.DB.prepare('SELECT * FROM audit_log ORDER BY id').all()).results).toEqual(before.results);
  });
});

describe('every admin action is audited', () => {
  // The operations whose audit entries are checked: here (window, export) and in admin-lists.test.ts (every record
  // written by the catalogue, event and import operations has its entry). A new admin operation fails this test
  // until it is added here with a test of its audit entry, or named as a read of no personal data.
  const AUDITED = [
    'PUT /api/v1/admin/surveys/{id}/window',
    'POST /api/v1/admin/surveys/{id}/waves',
    'PATCH /api/v1/admin/surveys/{id}/waves/{wave}',
    'GET /api/v1/admin/surveys/{id}/responses',
    'POST /api/v1/admin/sources',
    'POST /api/v1/admin/lists',
    'PATCH /api/v1/admin/lists/{id}',
    'POST /api/v1/admin/towns',
    'POST /api/v1/admin/lists/{id}/towns',
    'POST /api/v1/admin/events',
    'POST /api/v1/admin/imports',
    // Audited in suggestions.test.ts: a decision, and a read of a sender's contact details.
    'GET /api/v1/admin/suggestions/{suggestion}',
    'POST /api/v1/admin/suggestions/{suggestion}/accept',
    'POST /api/v1/admin/suggestions/{suggestion}/decline',
  ];
  // Reads of no respondent's data: the log itself (staff names and public records), and the suggestions without their contact details.
  const NOT_AUDITED = ['GET /api/v1/admin/audit', 'GET /api/v1/admin/suggestions'];

  it('the admin operations of the OpenAPI document are exactly those audited and the audit read', async () => {
    const { body } = await getJson<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json');
    const operations = Object.entries(body.paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'put', 'post', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      );
    expect(operations.sort()).toEqual([...AUDITED, ...NOT_AUDITED].sort());
  });
});
