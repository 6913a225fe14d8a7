import { describe, expect, it } from 'vitest';
import { ADMIN_TOKENS, get, KNOWN_TOWN, newKey, request } from '../helpers.ts';
import { admin, postSuggestionForm, send } from '../suggestion-helpers.ts';

/**
 * The site's suggestion form under attack, without JavaScript (issue 14): what
 * a sender typed comes back escaped, and is never lost or stored by accident.
 */
const CORRECTION = {
  kind: 'correction',
  town_id: KNOWN_TOWN,
  list_id: 'mohurd-2016-batch1',
  detail: '名称有误',
  source: '建村〔2016〕221号',
};
const MARKUP = '</textarea><script>alert(1)</script><img src=x onerror=alert(2)>';

describe('the suggestion form, hostile', () => {
  it("re-renders a refused form with the sender's text escaped, never as markup", async () => {
    const res = await postSuggestionForm({
      idempotency_key: newKey(),
      kind: 'addition',
      list_id: 'mohurd-2017-batch2',
      town_name: `"><svg onload=alert(3)>`,
      province: MARKUP,
      detail: MARKUP,
      source: 'javascript:alert(4)',
      email: `"><b>x</b>@example.com`,
      contact_consent: 'yes',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const raw of ['<script>alert(1)', '<img src=x', '<svg onload', '"><b>x</b>']) expect(html).not.toContain(raw);
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('switches the language of a filled-in form without losing what was typed, and without sending it', async () => {
    const key = newKey();
    const fields = { ...CORRECTION, idempotency_key: key, detail: '我写的很长的说明', email: 'keep@example.com', contact_consent: 'yes' };
    const zh = await (await postSuggestionForm({ ...fields, detail: '' })).text();
    // The refused form (zh) offers the other language as a button of the form, so that the text goes with it.
    expect(zh).toMatch(/<button[^>]*formaction="\/suggestions\?lang=en"/);
    const res = await postSuggestionForm({ ...fields, switch_lang: '1' }, {}, '/suggestions?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('我写的很长的说明');
    expect(html).toContain('value="keep@example.com"');
    expect(html).toContain(`value="${key}"`);
    expect(html).not.toContain('class="error-summary"');
    // Nothing was sent: the same key later stores the suggestion once.
    const sent = await postSuggestionForm(fields, {}, '/suggestions?lang=en');
    expect(sent.status).toBe(303);
  });

  it('refuses a language switch from another site like any post of the form', async () => {
    const res = await postSuggestionForm(
      { ...CORRECTION, idempotency_key: newKey(), switch_lang: '1' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      '/suggestions?lang=en',
    );
    expect(res.status).toBe(403);
  });
});

describe('a source the public gave, once imported', () => {
  it('is linked from the town page as user-generated: rel="nofollow ugc noopener"', async () => {
    const url = `https://www.example.gov.cn/suggested/${newKey()}.html`;
    const receipt = await send({
      kind: 'correction',
      town_id: KNOWN_TOWN,
      list_id: 'mohurd-2016-batch1',
      detail: '复核保留',
      source: url,
      proposed_status: 'retained',
      proposed_date: '2021-03-31',
    });
    const { csv } = await (await admin('editor', 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).json<{ csv: string }>();
    // The import needs a document (the row's empty cell after the date): the list's notice; the URL stays the event's link.
    const row = csv.replace(',,', ',建村〔2016〕221号,');
    const imported = await request('POST', '/api/v1/admin/imports', {
      headers: { Authorization: ADMIN_TOKENS.editor, 'Content-Type': 'text/csv' },
      body: row,
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const html = await (await get(`/towns/${KNOWN_TOWN}?lang=zh`)).text();
    const link = new RegExp(`<a href="${url.replace(/[.?]/g, '\\$&')}" rel="([^"]*)"`).exec(html);
    expect(link?.[1]?.split(' ').sort()).toEqual(['nofollow', 'noopener', 'ugc']);
  });
});
