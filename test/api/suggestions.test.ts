import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { SuggestionReceiptSchema, SuggestionStatusSchema } from '../../worker/schemas/suggestions.ts';
import { HistorySchema } from '../../worker/schemas/towns.ts';
import { ADMIN_TOKENS, fullAnswers, getParsed, KNOWN_TOWN, newKey, request, submit, withinOneRateWindow } from '../helpers.ts';
import { ADDITION, admin, CORRECTION, count, send, suggest } from '../suggestion-helpers.ts';

describe('POST /api/v1/suggestions', () => {
  it.each([
    ['an addition', ADDITION],
    ['a correction', CORRECTION],
  ])('stores %s, gives a receipt and the public status page in Location', async (_, body) => {
    const res = await suggest({ ...body, contact: { email: 'li@example.com' }, contact_consent: true });
    expect(res.status).toBe(201);
    const receipt = SuggestionReceiptSchema.parse(await res.json());
    expect(receipt.receipt).toMatch(/^s-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.headers.get('Location')).toBe(`/suggestions/${receipt.receipt}`);
    const { res: statusRes, body: status } = await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt.receipt}`);
    expect(statusRes.status).toBe(200);
    expect(SuggestionStatusSchema.strict().parse(status)).toMatchObject({
      receipt: receipt.receipt,
      status: 'received',
      decided_at: null,
      reason: null,
      events: [],
    });
    expect(status.suggested).toMatchObject({ kind: body.kind, detail: body.detail });
    // Contact details are never public.
    expect(JSON.stringify(status)).not.toContain('li@example.com');
    expect((status as Record<string, unknown>).contact).toBeUndefined();
    // The web page shows the same.
    const page = await request('GET', res.headers.get('Location')!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(receipt.receipt);
    expect(html).not.toContain('li@example.com');
  });

  it('normalises the source: a document number in any brackets is written as the sources table writes it', async () => {
    const receipt = await send({ ...ADDITION, source: ' 建村[2017]178 号 ' });
    const { body } = await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`);
    expect(body.suggested).toMatchObject({ source: '建村〔2017〕178号', source_kind: 'document_number' });
  });

  it('replays a retry with the same key and body, and refuses the key with another body (422)', async () => {
    const key = newKey();
    const first = await suggest(ADDITION, { key });
    const again = await suggest(ADDITION, { key });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await suggest({ ...ADDITION, detail: '另一条' }, { key });
    expect(other.status).toBe(422);
    expect(other.headers.get('Content-Type')).toContain('application/problem+json');
    expect(await count('SELECT COUNT(*) AS n FROM suggestions WHERE idempotency_key = ?', key)).toBe(1);
  });

  it.each([
    ['no source', { ...ADDITION, source: undefined }, 'source'],
    ['an empty source', { ...ADDITION, source: '   ' }, 'source'],
    ['a source that is neither a URL nor a document number', { ...ADDITION, source: '听说的' }, 'source'],
    ['a javascript: URL', { ...ADDITION, source: 'javascript:alert(1)' }, 'source'],
    ['a URL without a real host', { ...ADDITION, source: 'http://localhost/x' }, 'source'],
    ['a ftp URL', { ...ADDITION, source: 'ftp://example.com/notice' }, 'source'],
    ['NUL in the text', { ...ADDITION, detail: 'a\u0000b' }, 'detail'],
    ['a text too long', { ...ADDITION, detail: '长'.repeat(2001) }, 'detail'],
    ['an addition without a list', { ...ADDITION, list_id: undefined }, 'list_id'],
    ['an addition without a town name', { ...ADDITION, town_name: undefined }, 'town_name'],
    ['a correction without town or list', { kind: 'correction', detail: 'x', source: '建村〔2017〕178号' }, 'town_id'],
    ['an unknown kind', { ...ADDITION, kind: 'removal' }, 'kind'],
    ['an impossible date', { ...ADDITION, proposed_date: '2017-02-30' }, 'proposed_date'],
    ['an unknown status', { ...ADDITION, proposed_status: 'famous' }, 'proposed_status'],
    ['an unknown field', { ...ADDITION, admin: true }, 'admin'],
    ['an unknown list', { ...ADDITION, list_id: 'no-such-list' }, 'list_id'],
    ['an unknown town', { ...CORRECTION, town_id: 'nowhere-zhen' }, 'town_id'],
    ['contact without consent', { ...ADDITION, contact: { phone: '123' } }, 'contact_consent'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const before = await count('SELECT COUNT(*) AS n FROM suggestions');
    const res = await suggest(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    const problem = await res.json<{ errors: { name: string }[] }>();
    expect(problem.errors.map((e) => e.name)).toContain(field);
    expect(await count('SELECT COUNT(*) AS n FROM suggestions')).toBe(before);
  });

  it('refuses a missing Idempotency-Key, a body that is not JSON, and a body over 64 KB (413)', async () => {
    expect((await suggest(ADDITION, { key: null })).status).toBe(400);
    expect((await suggest('{"kind":')).status).toBe(400);
    const big = await suggest({ ...ADDITION, detail: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect(big.headers.get('Content-Type')).toContain('application/problem+json');
  });

  it('answers a filled honeypot like a success, and keeps it from staff and without contact', async () => {
    const res = await suggest({
      ...ADDITION,
      website: 'http://spam.example',
      contact: { email: 'bot@example.com' },
      contact_consent: true,
    });
    expect(res.status).toBe(201);
    const { receipt } = SuggestionReceiptSchema.parse(await res.json());
    expect((await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`)).body.status).toBe('received');
    expect(await count('SELECT COUNT(*) AS n FROM suggestions WHERE id = ? AND decoy = 1 AND contact IS NULL', receipt)).toBe(1);
    expect((await admin('editor', 'GET', `/api/v1/admin/suggestions/${receipt}`)).status).toBe(404);
    const list = await (await admin('editor', 'GET', '/api/v1/admin/suggestions?limit=500')).json<{ items: { receipt: string }[] }>();
    expect(list.items.map((i) => i.receipt)).not.toContain(receipt);
  });

  it('limits each network to 10 suggestions a minute, apart from its questionnaire budget', { timeout: 90_000 }, async () => {
    await withinOneRateWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await suggest(ADDITION, { ip: '192.0.2.201' })).status);
    expect(statuses).toEqual(Array(10).fill(201));
    const limited = await suggest(ADDITION, { ip: '192.0.2.201' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect((await suggest(ADDITION, { ip: '192.0.2.202' })).status).toBe(201);
    // The same network's questionnaire budget is its own: suggestions did not spend it.
    const answers = await fullAnswers('public');
    expect((await submit('public', { town_id: KNOWN_TOWN, answers, consent: { participation: true } }, { ip: '192.0.2.201' })).status).toBe(
      201,
    );
  });
});

describe('GET /api/v1/suggestions/{receipt}', () => {
  it.each([
    's-00000000-0000-4000-8000-000000000000',
    'r-00000000-0000-4000-8000-000000000000',
    '%2e%2e%2fadmin',
    "s-' OR 1=1 --",
    '%00',
    '%F0%9F%98%80',
    'S-0B6F2A4E-8C1D-4F5A-9E3B-7D2C1A0F9E84',
  ])('answers %s with a problem, never a 500', async (receipt) => {
    const res = await request('GET', `/api/v1/suggestions/${receipt}`);
    expect([400, 404]).toContain(res.status);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  });
});

describe('staff review', () => {
  it('needs a token (401) with the editor role (403 for surveys and auditor)', async () => {
    const receipt = await send(ADDITION);
    for (const [path, method, body] of [
      ['/api/v1/admin/suggestions', 'GET', undefined],
      [`/api/v1/admin/suggestions/${receipt}`, 'GET', undefined],
      [`/api/v1/admin/suggestions/${receipt}/accept`, 'POST', undefined],
      [`/api/v1/admin/suggestions/${receipt}/decline`, 'POST', { reason: 'x' }],
    ] as const) {
      expect((await request(method, path)).status, `${method} ${path}`).toBe(401);
      expect((await admin('surveys', method, path, body)).status).toBe(403);
      expect((await admin('auditor', method, path, body)).status).toBe(403);
    }
    expect((await admin('editor', 'GET', `/api/v1/admin/suggestions/${receipt}`)).status).toBe(200);
    expect((await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`)).body.status).toBe('received');
  });

  it('lists suggestions by status with keyset pagination, with the contact consented to', async () => {
    const receipt = await send({ ...ADDITION, contact: { name: '李四', email: 'li@example.com' }, contact_consent: true });
    await send(CORRECTION);
    await send(ADDITION);
    const seen: string[] = [];
    let url: string | null = '/api/v1/admin/suggestions?status=received&limit=2';
    let total = 0;
    while (url) {
      const res = await admin('editor', 'GET', url);
      expect(res.status).toBe(200);
      const page = await res.json<{ items: { receipt: string; status: string }[]; total: number; next_cursor: string | null }>();
      total = page.total;
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) expect(item.status).toBe('received');
      seen.push(...page.items.map((i) => i.receipt));
      url = page.next_cursor ? `/api/v1/admin/suggestions?status=received&limit=2&cursor=${page.next_cursor}` : null;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(seen).toContain(receipt);
    // The list says whether contact details are kept, never them; reading them is audited (which fields, not their values).
    const listed = await (await admin('editor', 'GET', '/api/v1/admin/suggestions?limit=500')).json<{ items: Record<string, unknown>[] }>();
    expect(JSON.stringify(listed)).not.toContain('li@example.com');
    expect(listed.items.find((i) => i.receipt === receipt)).toMatchObject({ has_contact: true });
    const exports = () =>
      count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'suggestion' AND entity_id = ? AND action = 'export'", receipt);
    expect(await exports()).toBe(0);
    const one = await (await admin('editor', 'GET', `/api/v1/admin/suggestions/${receipt}`)).json<{ contact: unknown }>();
    expect(one.contact).toEqual({ name: '李四', email: 'li@example.com' });
    expect(await exports()).toBe(1);
    const entry = await env.DB.prepare(
      "SELECT actor, after FROM audit_log WHERE entity = 'suggestion' AND entity_id = ? AND action = 'export'",
    )
      .bind(receipt)
      .first<{ actor: string; after: string }>();
    expect(entry!.actor).toBe('test-editor');
    expect(JSON.parse(entry!.after)).toEqual({ contact_fields: ['email', 'name'] });
    expect((await admin('editor', 'GET', '/api/v1/admin/suggestions?cursor=bogus')).status).toBe(400);
    expect((await admin('editor', 'GET', '/api/v1/admin/suggestions?status=maybe')).status).toBe(400);
  });

  it('declines only with a reason, shows it publicly, deletes the contact and audits the decision', async () => {
    const receipt = await send({ ...CORRECTION, contact: { phone: '010-1234' }, contact_consent: true });
    const noReason = await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/decline`, {});
    expect(noReason.status).toBe(400);
    expect((await noReason.json<{ errors: { name: string }[] }>()).errors[0]!.name).toBe('reason');
    expect((await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/decline`, { reason: '  ' })).status).toBe(400);

    const res = await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/decline`, { reason: '来源未提及该镇。' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'declined', reason: '来源未提及该镇。', contact: null });
    const { body } = await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`);
    expect(body).toMatchObject({ status: 'declined', reason: '来源未提及该镇。' });
    expect(body.decided_at).toMatch(/^\d{4}-/);
    expect(await count('SELECT COUNT(*) AS n FROM suggestions WHERE id = ? AND contact IS NULL', receipt)).toBe(1);
    const audit = await env.DB.prepare("SELECT actor, action, after FROM audit_log WHERE entity = 'suggestion' AND entity_id = ?")
      .bind(receipt)
      .all<{ actor: string; action: string; after: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({ actor: 'test-editor', action: 'decline' });
    expect(audit.results[0]!.after).not.toContain('010-1234');
    // Decided is decided: neither a second decline nor an accept.
    expect((await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/decline`, { reason: 'again' })).status).toBe(409);
    expect((await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).status).toBe(409);
    expect(
      (await admin('editor', 'POST', '/api/v1/admin/suggestions/s-00000000-0000-4000-8000-000000000000/decline', { reason: 'x' })).status,
    ).toBe(404);
  });

  it('accepts with a dry run of the prefilled row and writes nothing to the lists', async () => {
    // A town the service does not know (a made-up name), as most additions will name.
    const receipt = await send({ ...ADDITION, town_name: '新试镇' });
    const before = await count('SELECT COUNT(*) AS n FROM status_events');
    const memberships = await count('SELECT COUNT(*) AS n FROM memberships');
    const res = await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`);
    expect(res.status).toBe(200);
    const body = await res.json<{
      suggestion: { status: string };
      csv: string;
      report: { dry_run: boolean; problems: { code: string; column: string }[] };
    }>();
    expect(body.suggestion.status).toBe('accepted');
    const [header, row] = body.csv.trim().split('\r\n');
    expect(header).toBe('town,list,status,effective_date,document,province,note,source_urls,suggestion');
    expect(row).toBe(`新试镇,mohurd-2017-batch2,approved,2017-08-22,建村〔2017〕178号,山东省,,,${receipt}`);
    expect(body.report.dry_run).toBe(true);
    // The town is not known: the same check as any notice says so, with what to do (create it first).
    expect(body.report.problems.map((p) => p.code)).toContain('unknown-town');
    expect(await count('SELECT COUNT(*) AS n FROM status_events')).toBe(before);
    expect(await count('SELECT COUNT(*) AS n FROM memberships')).toBe(memberships);
    expect((await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`)).body.status).toBe('accepted');
    expect(
      await count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'suggestion' AND entity_id = ? AND action = 'accept'", receipt),
    ).toBe(1);
    // Accepting again gives the row again and records nothing more.
    expect((await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).status).toBe(200);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'suggestion' AND entity_id = ?", receipt)).toBe(1);
  });

  it('lands an accepted suggestion through the import, and the history credits the public', async () => {
    const receipt = await send({ ...CORRECTION, proposed_status: 'retained', proposed_date: '2020-06-30', source: '建村〔2016〕221号' });
    const importCsv = (csv: string, dry = false) =>
      request('POST', `/api/v1/admin/imports${dry ? '?dry_run=true' : ''}`, {
        headers: { Authorization: ADMIN_TOKENS.editor, 'Content-Type': 'text/csv' },
        body: csv,
      });

    // Not yet accepted: the import refuses to credit it.
    const unaccepted = await (
      await importCsv(
        `town,list,status,effective_date,document,suggestion\n${KNOWN_TOWN},mohurd-2016-batch1,retained,2020-06-30,建村〔2016〕221号,${receipt}\n`,
        true,
      )
    ).json<{ problems: { code: string }[] }>();
    expect(unaccepted.problems.map((p) => p.code)).toContain('unknown-suggestion');
    const unknown = await (
      await importCsv(
        `town,list,status,effective_date,document,suggestion\n${KNOWN_TOWN},mohurd-2016-batch1,retained,2020-06-30,建村〔2016〕221号,s-nope\n`,
        true,
      )
    ).json<{ problems: { code: string }[] }>();
    expect(unknown.problems.map((p) => p.code)).toContain('unknown-suggestion');

    const accepted = await (await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).json<{
      csv: string;
      report: { valid: boolean; problems: unknown[] };
    }>();
    expect(accepted.report.problems).toEqual([]);
    expect(accepted.report.valid).toBe(true);
    const imported = await importCsv(accepted.csv);
    expect(imported.status, await imported.clone().text()).toBe(201);
    const report = await imported.json<{ events: { event_id: number }[] }>();
    const eventId = report.events[0]!.event_id;

    const { body: status } = await getParsed(SuggestionStatusSchema, `/api/v1/suggestions/${receipt}`);
    expect(status.events).toEqual([
      { id: eventId, town_id: KNOWN_TOWN, list_id: 'mohurd-2016-batch1', status: 'retained', effective_date: '2020-06-30' },
    ]);
    const { body: history } = await getParsed(HistorySchema, `/api/v1/towns/${KNOWN_TOWN}/history`);
    const credited = history.items.filter((e: { suggested_by_public: boolean }) => e.suggested_by_public);
    expect(credited.map((e: { id: number }) => e.id)).toEqual([eventId]);
    const page = await (await request('GET', `/towns/${KNOWN_TOWN}?lang=zh`)).text();
    expect(page).toContain('公众建议');
    const en = await (await request('GET', `/towns/${KNOWN_TOWN}?lang=en`)).text();
    expect(en).toContain('Suggested by the public');
  });
});
