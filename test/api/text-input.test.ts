import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ImportReportSchema } from '../../worker/schemas/admin.ts';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { SourceSchema } from '../../worker/schemas/sources.ts';
import { ReceiptSchema } from '../../worker/schemas/surveys.ts';
import { adminHeaders, fullAnswers, JSON_BODY, KNOWN_TOWN, parseAs, request, submit } from '../helpers.ts';

// Text is stored as valid UTF-8 only: a lone surrogate (which JSON can carry as "\ud800") becomes U+FFFD,
// and NUL (U+0000) is refused with a 400 naming the field, in every text field the API stores.
const consent = { participation: true };
const ADMIN = adminHeaders('admin', JSON_BODY);
const hex = (text: string) =>
  [...new TextEncoder().encode(text)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
const isWellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
let ip = 0;
const nextIp = () => `198.18.0.${++ip}`;

async function problem(res: Response) {
  expect(res.status).toBe(400);
  const body = parseAs(ProblemSchema, await res.json());
  expect(body.errors, 'a 400 names the fields at fault').toBeDefined();
  return { ...body, errors: body.errors ?? [] };
}

describe('survey answers and respondent fields', () => {
  it('stores a lone surrogate in a free-text answer as U+FFFD (valid UTF-8)', async () => {
    const res = await submit(
      'public',
      { town_id: KNOWN_TOWN, answers: await fullAnswers('public', { comment: 'x\ud800y \udfff z\ud83d\ude00' }), consent },
      { ip: nextIp() },
    );
    expect(res.status).toBe(201);
    const { receipt } = parseAs(ReceiptSchema, await res.json());
    // Compared as hex: a failure must not print a lone surrogate (the test runner cannot send one to its reporter).
    const row = await env.DB.prepare("SELECT value, hex(value) AS bytes FROM answers WHERE response_id = ? AND question_id = 'comment'")
      .bind(receipt)
      .first<{ value: string; bytes: string }>();
    expect(row!.bytes).toBe(hex('x\ufffdy \ufffd z\ud83d\ude00'));
    expect(isWellFormed(row!.value)).toBe(true);
  });

  it('stores lone surrogates in contact details as U+FFFD', async () => {
    const respondent = { organisation: '\udc00某公司', name: '张三\ud800', email: 'a@example.com' };
    const res = await submit(
      'enterprise',
      { town_id: KNOWN_TOWN, answers: await fullAnswers('enterprise'), consent: { participation: true, contact: true }, respondent },
      { ip: nextIp() },
    );
    expect(res.status).toBe(201);
    const { receipt } = parseAs(ReceiptSchema, await res.json());
    const row = await env.DB.prepare(
      "SELECT contact, hex(json_extract(contact, '$.organisation')) AS organisation, hex(json_extract(contact, '$.name')) AS name, json_extract(contact, '$.email') AS email FROM responses WHERE id = ?",
    )
      .bind(receipt)
      .first<{ contact: string; organisation: string; name: string; email: string }>();
    expect({ organisation: row!.organisation, name: row!.name, email: row!.email }).toEqual({
      organisation: hex('\ufffd某公司'),
      name: hex('张三\ufffd'),
      email: 'a@example.com',
    });
    expect(isWellFormed(JSON.parse(row!.contact).name)).toBe(true);
  });

  it.each([
    ['answers.comment', async () => ({ answers: await fullAnswers('public', { comment: 'a\u0000b' }) })],
    ['answers.role', async () => ({ answers: await fullAnswers('public', { role: 'resident\u0000' }) })],
    ['answers.comment', async () => ({ answers: await fullAnswers('public', { comment: '\u0000' }) })],
  ])('refuses NUL in %s with 400 naming it', async (name, make) => {
    const res = await submit('public', { town_id: KNOWN_TOWN, consent, ...(await make()) }, { ip: nextIp() });
    const body = await problem(res);
    expect(body.errors).toContainEqual({ name, in: 'body', code: 'invalid', detail: expect.stringMatching(/NUL/) });
  });

  it('refuses NUL in an option id of a list answer and in each respondent field, naming each', async () => {
    const answers = await fullAnswers('enterprise', { comment: ['fine', 'x\u0000'] });
    const respondent = { organisation: 'a\u0000', name: 'b\u0000', phone: '1\u00002', email: '\u0000@example.com' };
    const res = await submit(
      'enterprise',
      { town_id: KNOWN_TOWN, answers, consent: { participation: true, contact: true }, respondent },
      { ip: nextIp() },
    );
    const body = await problem(res);
    const named = body.errors
      .filter((e) => /NUL/.test(e.detail))
      .map((e) => e.name)
      .sort();
    expect(named).toEqual(['answers.comment.1', 'respondent.email', 'respondent.name', 'respondent.organisation', 'respondent.phone']);
  });
});

describe('admin text fields', () => {
  const send = (method: string, path: string, body: unknown) => request(method, path, { headers: ADMIN, body: JSON.stringify(body) });

  it.each([
    ['POST', '/api/v1/admin/sources', { title: '标题\u0000' }, 'title'],
    ['POST', '/api/v1/admin/sources', { title: '测试文件 NUL 1', document_number: '测〔2026〕\u00001号' }, 'document_number'],
    ['POST', '/api/v1/admin/sources', { title: '测试文件 NUL 2', issuer: '\u0000' }, 'issuer'],
    ['POST', '/api/v1/admin/sources', { title: '测试文件 NUL 3', note: 'a\u0000b' }, 'note'],
    ['POST', '/api/v1/admin/sources', { title: '测试文件 NUL 4', published_on: '2024-05-20\u0000' }, 'published_on'],
    ['POST', '/api/v1/admin/sources', { title: '测试文件 NUL 5', urls: ['https://example.org/a\u0000b'] }, 'urls.0'],
    [
      'POST',
      '/api/v1/admin/lists',
      { id: 'test-nul', name: '名单\u0000', name_en: 'x', level: 'national', kind: 'named', source_id: 'doc-x' },
      'name',
    ],
    [
      'POST',
      '/api/v1/admin/lists',
      { id: 'test-nul', name: '名单', name_en: 'x\u0000', level: 'national', kind: 'named', source_id: 'doc-x' },
      'name_en',
    ],
    ['PATCH', '/api/v1/admin/lists/mohurd-2016-batch1', { note: '\u0000' }, 'note'],
    ['PATCH', '/api/v1/admin/lists/mohurd-2016-batch1', { name: '第一批\u0000' }, 'name'],
    ['POST', '/api/v1/admin/towns', { id: 'beijing-nulzhen', name: '\u0000镇', name_pinyin: 'nul zhen', province: '北京市' }, 'name'],
    [
      'POST',
      '/api/v1/admin/towns',
      { id: 'beijing-nulzhen', name: '镇', name_pinyin: 'nul zhen', province: '北京市', county: '区\u0000' },
      'county',
    ],
    [
      'POST',
      '/api/v1/admin/events',
      {
        town_id: KNOWN_TOWN,
        list_id: 'mohurd-2016-batch1',
        status: 'warned',
        effective_date: '2024-01-01',
        source_id: 'doc-x',
        note: 'n\u0000',
      },
      'note',
    ],
    [
      'POST',
      '/api/v1/admin/events',
      {
        town_id: KNOWN_TOWN,
        list_id: 'mohurd-2016-batch1',
        status: 'warned',
        effective_date: '2024-01-01',
        source_id: 'doc-x',
        status_raw: '黄牌\u0000',
      },
      'status_raw',
    ],
    [
      'POST',
      '/api/v1/admin/lists/mohurd-2016-batch1/towns',
      { town_id: KNOWN_TOWN, status: 'named', effective_date: '2024-01-01', source_id: 'doc-x', listed_as: '\u0000' },
      'listed_as',
    ],
  ])('%s %s refuses NUL in %j, naming %s', async (method, path, body, name) => {
    const res = await send(method, path, body);
    const problemBody = await problem(res);
    expect(problemBody.errors).toContainEqual({ name, in: 'body', code: 'invalid', detail: expect.stringMatching(/NUL/) });
  });

  it('stores lone surrogates in a source as U+FFFD', async () => {
    const res = await send('POST', '/api/v1/admin/sources', {
      title: '测试通知\ud800（孤立代理项）',
      issuer: '\udc00办公室',
      note: '备注\ud800',
      urls: ['https://example.org/\ud800'],
    });
    expect(res.status).toBe(201);
    const { id } = parseAs(SourceSchema, await res.json());
    const row = await env.DB.prepare(
      'SELECT hex(title) AS title, hex(issuer) AS issuer, hex(note) AS note, hex(urls) AS urls FROM sources WHERE id = ?',
    )
      .bind(id)
      .first<Record<string, string>>();
    expect(row).toEqual({
      title: hex('测试通知\ufffd（孤立代理项）'),
      issuer: hex('\ufffd办公室'),
      note: hex('备注\ufffd'),
      urls: hex(JSON.stringify(['https://example.org/\ufffd'])),
    });
  });
  it('refuses in an imported notice what the JSON API refuses: NUL in any cell, and text over its field’s limit', async () => {
    const header = 'town,list,status,effective_date,document,status_raw,note\n';
    const row = (statusRaw: string, note: string) =>
      `beijing-changgouzhen,mohurd-2016-batch1,warned,2024-01-01,建村〔2016〕221号,${statusRaw},${note}\n`;
    const send = (csv: string, dryRun: boolean) =>
      request('POST', `/api/v1/admin/imports?dry_run=${dryRun}`, {
        headers: adminHeaders('admin', { 'Content-Type': 'text/csv; charset=utf-8' }),
        body: csv,
      });
    for (const [csv, column] of [
      [header + row('黄牌\u0000警告', ''), 'status_raw'],
      [header + row('', '备注\u0000'), 'note'],
      [header + row('', 'x'.repeat(1001)), 'note'],
      [header + row('y'.repeat(101), ''), 'status_raw'],
    ] as const) {
      const dry = await send(csv, true);
      expect(dry.status, column).toBe(200);
      const report = parseAs(ImportReportSchema, await dry.json());
      expect(report.valid).toBe(false);
      expect(report.problems, column).toContainEqual(expect.objectContaining({ row: 2, column, code: 'invalid-value' }));
      expect((await send(csv, false)).status, column).toBe(422);
    }
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM status_events WHERE instr(coalesce(note, '') || coalesce(status_raw, ''), char(0)) > 0",
    ).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });
});

describe('answer keys that name properties of Object.prototype', () => {
  /** A JSON body with `extra` spliced into answers as raw JSON: a JS object literal cannot hold an own `__proto__`. */
  async function withRawAnswers(extra: string) {
    const body = JSON.stringify({ town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent });
    return body.replace('"answers":{', `"answers":{${extra},`);
  }

  it.each(['{"__proto__":1}', '{"__proto__":{"role":"resident"}}', '{"__proto__":null}'].map((v) => [v]))(
    'reports answers.__proto__ as an unknown question: %s',
    async (value) => {
      const inner = value.slice(1, -1);
      const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n');
      const res = await submit('public', await withRawAnswers(inner), { ip: nextIp() });
      const body = await problem(res);
      expect(body.errors).toContainEqual({
        name: 'answers.__proto__',
        in: 'body',
        code: 'unknown',
        detail: expect.stringMatching(/no such question/i),
      });
      expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<number>('n')).toBe(before);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    },
  );

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'prototype'])(
    'reports answers.%s as an unknown question',
    async (key) => {
      const res = await submit('public', await withRawAnswers(`"${key}":1`), { ip: nextIp() });
      const body = await problem(res);
      expect(body.type).toBe('urn:tesexiaozhen:problem:invalid-answers');
      expect(body.errors).toEqual([
        { name: `answers.${key}`, in: 'body', code: 'unknown', detail: 'No such question in this questionnaire' },
      ]);
    },
  );

  it('refuses a top-level or consent __proto__ as an unknown field', async () => {
    const body = JSON.stringify({ town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent });
    const top = await submit('public', body.replace('{', '{"__proto__":{"x":1},'), { ip: nextIp() });
    expect((await problem(top)).errors.map((e) => e.name)).toContain('__proto__');
    const inConsent = await submit('public', body.replace('"consent":{', '"consent":{"__proto__":{},'), { ip: nextIp() });
    expect((await problem(inConsent)).errors.map((e) => e.name).join()).toContain('__proto__');
  });
});
