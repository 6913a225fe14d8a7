import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { en } from '../../web/i18n/en.ts';
import { zh } from '../../web/i18n/zh.ts';
import { get, KNOWN_TOWN, newKey } from '../helpers.ts';
import { postSuggestionForm } from '../suggestion-helpers.ts';

/**
 * The correction and addition form as a browser without JavaScript sends it:
 * posted to /suggestions, checked by the JSON API's schema and stored by the
 * same service; a refusal is the form again with the problem beside its
 * field, a success a 303 to the receipt's status page.
 */
const count = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM suggestions').first<number>('n')) ?? 0;
const postForm = postSuggestionForm;

const CORRECTION = {
  idempotency_key: '',
  kind: 'correction',
  town_id: KNOWN_TOWN,
  list_id: 'mohurd-2016-batch1',
  detail: '名称有误',
  source: '建村〔2016〕221号',
};

/** The message shown beside a field of the form, or null when it is hidden. */
function fieldError(html: string, name: string): string | null {
  const match = new RegExp(`<p class="error" id="sg-err-${name}"( hidden="")?>([^<]*)</p>`).exec(html);
  return match && !match[1] ? match[2]! : null;
}

describe('the suggestion form', () => {
  it('is on every town page and list page, with the town or the list chosen', async () => {
    const town = await (await get(`/towns/${KNOWN_TOWN}?lang=zh`)).text();
    expect(town).toContain('action="/suggestions?lang=zh"');
    expect(town).toContain(`<input type="hidden" name="town_id" value="${KNOWN_TOWN}"/>`);
    const list = await (await get('/lists/mohurd-2016-batch1?lang=en')).text();
    expect(list).toContain('action="/suggestions?lang=en"');
    expect(list).toMatch(/<option value="mohurd-2016-batch1" selected="">/);
    expect(list).toContain('Report an error or omission');
  });

  it('stores a posted suggestion and sends the browser to its status page', async () => {
    const before = await count();
    const res = await postForm({ ...CORRECTION, idempotency_key: newKey(), email: 'x@example.com', contact_consent: 'yes' });
    expect(res.status).toBe(303);
    const location = res.headers.get('Location')!;
    expect(location).toMatch(/^\/suggestions\/s-[0-9a-f-]{36}\?lang=zh&sent=1$/);
    expect(await count()).toBe(before + 1);
    const page = await get(location);
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('感谢您的建议');
    expect(html).toContain('已收到，待核实');
    expect(html).not.toContain('x@example.com');
  });

  it('answers a refused form with the form again, its problem beside the field and what was entered kept', async () => {
    const before = await count();
    const res = await postForm({ ...CORRECTION, idempotency_key: newKey(), source: '听说的', detail: '我写的内容' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, 'source')).toContain('文号');
    expect(fieldError(html, 'detail')).toBeNull();
    expect(html).toContain('我写的内容');
    expect(html).toContain('class="error-summary"');
    expect(await count()).toBe(before);

    const noList = await postForm({
      idempotency_key: newKey(),
      kind: 'addition',
      town_name: '某镇',
      province: '山东省',
      detail: 'x',
      source: 'https://www.example.gov.cn/a',
    });
    expect(noList.status).toBe(400);
    expect(fieldError(await noList.text(), 'list_id')).toContain('名单');
    const contact = await postForm({ ...CORRECTION, idempotency_key: newKey(), phone: '123' });
    expect(fieldError(await contact.text(), 'contact_consent')).toContain('同意');
  });

  it('gives a form sent again with other content a key of its own and says so, storing nothing', async () => {
    const key = newKey();
    expect((await postForm({ ...CORRECTION, idempotency_key: key })).status).toBe(303);
    const before = await count();
    const res = await postForm({ ...CORRECTION, idempotency_key: key, detail: '另一条建议' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('此表单此前已提交过不同的建议');
    expect(html).not.toContain(`value="${key}"`);
    expect(await count()).toBe(before);
  });

  it('refuses a post from another site (403) and a body over 64 KB (413) with a page', async () => {
    const cross = await postForm(
      { ...CORRECTION, idempotency_key: newKey() },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(cross.status).toBe(403);
    expect(cross.headers.get('Content-Type')).toMatch(/^text\/html/);
    const big = await postForm({ ...CORRECTION, idempotency_key: newKey(), detail: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    expect(big.headers.get('Content-Type')).toMatch(/^text\/html/);
  });

  it('answers an unknown or odd receipt with a page, never a 500', async () => {
    for (const receipt of ['s-00000000-0000-4000-8000-000000000000', '%3Cscript%3E', 'S-0B6F2A4E-8C1D-4F5A-9E3B-7D2C1A0F9E84']) {
      const res = await get(`/suggestions/${receipt}`);
      expect(res.status, receipt).toBe(404);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    }
    // An encoded slash or NUL is refused as a path (http/canonical-path.ts), before any route.
    for (const odd of ['..%2F..%2Fadmin', '%00']) expect((await get(`/suggestions/${odd}`)).status, odd).toBe(400);
  });

  it('is described on the privacy notice, in both languages', async () => {
    for (const [lang, m] of [
      ['zh', zh],
      ['en', en],
    ] as const) {
      const html = await (await get(`/data?lang=${lang}`)).text();
      expect(html).toContain(m.suggest.privacyTitle);
      expect(html).toContain(m.suggest.privacyText);
    }
  });
});
