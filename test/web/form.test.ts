import { env, exports } from 'cloudflare:workers';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from '../../worker/http/errors.ts';
import worker from '../../worker/index.ts';
import { fullAnswers, get, KNOWN_TOWN, newKey, withinOneRateWindow } from '../helpers.ts';

/**
 * The questionnaire as a browser without JavaScript sends it: an HTML form
 * posted to /survey/{id}/{town}. It must meet the same limits as the JSON API
 * and answer every refusal with a page and its status, never a 500.
 */

const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
const TEST_SECRET = '1x0000000000000000000000000000000AA';
const TEST_SITE_KEY = '1x00000000000000000000AA';
const TURNSTILE_ON = { TURNSTILE_SECRET: TEST_SECRET, TURNSTILE_SITE_KEY: TEST_SITE_KEY };
const FORM = `/survey/public/${KNOWN_TOWN}?lang=zh`;

const count = async (table: string) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<number>('n')) ?? 0;

let ip = 0;
/** Every post from its own address, so that the per-network limit never interferes unless a test wants it. */
const nextIp = () => `203.0.113.${(ip++ % 250) + 1}`;

/** A complete, valid questionnaire as form fields, as the page's form sends it. */
async function validForm(extra: Record<string, string> = {}, survey = 'public'): Promise<URLSearchParams> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(await fullAnswers(survey))) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, String(one));
  }
  form.set('consent_participation', 'yes');
  form.set('idempotency_key', newKey());
  for (const [name, value] of Object.entries(extra)) form.set(name, value);
  return form;
}

interface PostOptions {
  headers?: Record<string, string>;
  /** Bindings to add, e.g. Turnstile's. */
  bindings?: Record<string, string>;
}

async function postForm(path: string, body: BodyInit, { headers = {}, bindings }: PostOptions = {}): Promise<Response> {
  const req = new Request(`https://example.test${path}`, {
    method: 'POST',
    // The receipt is behind a redirect: see it, do not follow it.
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'https://example.test',
      'Sec-Fetch-Site': 'same-origin',
      'CF-Connecting-IP': nextIp(),
      ...headers,
    },
    body,
  });
  // In the same isolate: a body the worker refuses unread is then simply dropped, not a broken pipe between two.
  return worker.fetch(req, { ...env, ...bindings });
}

function expectHtml(res: Response): void {
  expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
}

/** The text of the element with this id in a rendered page, or null when it is absent or hidden. */
function shownText(html: string, id: string): string | null {
  const match = new RegExp(`<p class="error" id="${id}"( hidden="")?>([^<]*)</p>`).exec(html);
  return match && !match[1] ? match[2]! : null;
}

/** The form's notice about the whole submission (not one field), as the reader sees it. */
function notice(html: string): string | null {
  return /<p class="notice" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
}

afterEach(() => vi.restoreAllMocks());

describe('the no-JavaScript form meets the limits of the JSON API (finding 2)', () => {
  it('stores a valid form and sends the browser to its receipt', async () => {
    const res = await postForm(FORM, await validForm());
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/survey\/thanks\?receipt=r-/);
  });

  it.each([
    ['100 KB of extra fields', { junk: 'x'.repeat(100 * 1024) }],
    ['a 2.5 MB contact record', { consent_contact: 'yes', organisation: '某'.repeat(850 * 1024) }],
  ])('refuses a form over 64 KB (%s) with a 413 page and stores nothing', async (_, extra) => {
    const before = await count('responses');
    const res = await postForm(FORM, await validForm(extra));
    expect(res.status).toBe(413);
    expectHtml(res);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('64 KB');
    expect(await count('responses')).toBe(before);
  });

  it('refuses a form over 64 KB sent in chunks, without a Content-Length', async () => {
    const bytes = new TextEncoder().encode((await validForm({ junk: 'x'.repeat(100 * 1024) })).toString());
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    const res = await postForm(FORM, stream);
    expect(res.status).toBe(413);
    expectHtml(res);
  });

  it('checks the form with the API schema: a contact record the API refuses is a 400 beside the contact fields, and is not stored', async () => {
    const before = await count('responses');
    const res = await postForm(FORM, await validForm({ consent_contact: 'yes', organisation: '某'.repeat(5000), email: 'a@example.com' }));
    expect(res.status).toBe(400);
    expectHtml(res);
    const html = await res.text();
    expect(shownText(html, 'err-contact')).toBeTruthy();
    expect(html).toContain('href="#q-contact"');
    // What was entered is still in the form.
    expect(html).toContain('value="a@example.com"');
    expect(await count('responses')).toBe(before);
  });

  it('shows a text answer longer than the API allows beside its question', async () => {
    const res = await postForm(FORM, await validForm({ comment: '长'.repeat(6000) }));
    expect(res.status).toBe(400);
    expect(shownText(await res.text(), 'err-comment')).toBeTruthy();
  });

  it('answers a form it cannot read (multipart without a boundary) with a 400 page, not a 500', async () => {
    const res = await postForm(FORM, 'not a multipart body', { headers: { 'Content-Type': 'multipart/form-data' } });
    expect(res.status).toBe(400);
    expectHtml(res);
  });

  it('answers a form for an unknown survey or town with a 404 page', async () => {
    for (const path of [`/survey/nope/${KNOWN_TOWN}`, '/survey/public/no-such-town']) {
      const res = await postForm(path, await validForm());
      expect(res.status, path).toBe(404);
      expectHtml(res);
    }
  });

  it('answers the reuse of a form for other answers with a 422 page that keeps the answers', async () => {
    const first = await validForm();
    expect((await postForm(FORM, first)).status).toBe(303);
    const other = new URLSearchParams(first);
    other.set('overall', '1');
    const res = await postForm(FORM, other);
    expect(res.status).toBe(422);
    expectHtml(res);
    const html = await res.text();
    // Said on the page itself, without claiming anything is kept in the browser (survey.js alone does that).
    expect(notice(html)).toContain('已提交过');
    expect(notice(html)).not.toContain('浏览器');
  });

  it('answers the 11th form a minute from one network with a 429 page and Retry-After', { timeout: 90_000 }, async () => {
    await withinOneRateWindow();
    const address = '192.0.2.77';
    for (let i = 0; i < 10; i++)
      expect((await postForm(FORM, await validForm(), { headers: { 'CF-Connecting-IP': address } })).status).toBe(303);
    const res = await postForm(FORM, await validForm(), { headers: { 'CF-Connecting-IP': address } });
    expect(res.status).toBe(429);
    expectHtml(res);
    expect(res.headers.get('Retry-After')).toBe('60');
    const message = notice(await res.text());
    expect(message).toContain('仍在本页中');
    expect(message).not.toContain('浏览器');
  });
});

describe('CSRF (info list)', () => {
  it('refuses a cross-site form post with a 403 page', async () => {
    const res = await postForm(FORM, await validForm(), { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status).toBe(403);
    expectHtml(res);
    expect(await res.text()).toContain('<html lang="zh-CN">');
  });

  it('maps any other 403 HTTPException to the forbidden problem, not a 400', async () => {
    const app = new Hono();
    app.get('/x', () => {
      throw new HTTPException(403, { message: 'Forbidden' });
    });
    app.onError(handleError);
    const res = await app.request('/x');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ type: 'urn:tesexiaozhen:problem:forbidden', status: 403 });
  });
});

describe('a bad cursor on a web page (info list)', () => {
  it.each([
    ['en', 'en'],
    ['zh', 'zh-CN'],
  ])("is a 400 HTML page in the reader's language (%s)", async (lang, htmlLang) => {
    const res = await get(`/lists/mohurd-2016-batch1?cursor=garbage&lang=${lang}`);
    expect(res.status).toBe(400);
    expectHtml(res);
    const html = await res.text();
    expect(html).toContain(`<html lang="${htmlLang}">`);
    // A way back to the first page of the same list.
    expect(html).toContain('href="/lists/mohurd-2016-batch1?lang=');
  });
});

/** Stubs only siteverify: it passes a non-empty token under the always-passing test secret. */
function stubSiteverify() {
  const calls: URLSearchParams[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== SITEVERIFY) throw new Error(`unexpected outbound fetch to ${url}`);
    const params = new URLSearchParams(String(init?.body));
    calls.push(params);
    return Response.json({ success: params.get('secret') === TEST_SECRET && Boolean(params.get('response')) });
  });
  return calls;
}

describe('the questionnaire with Turnstile configured (finding 3)', () => {
  const page = async (bindings?: Record<string, string>) => {
    const req = new Request(`https://example.test/survey/public?town=${KNOWN_TOWN}&lang=zh`);
    return bindings ? worker.fetch(req, { ...env, ...bindings }) : exports.default.fetch(req);
  };

  it("renders the widget with the configured site key, Turnstile's script and an honest note for browsers without JavaScript, under a strict CSP", async () => {
    const res = await page(TURNSTILE_ON);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<div class="cf-turnstile" data-sitekey="${TEST_SITE_KEY}"`));
    expect(html).toContain('<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"');
    expect(html).toMatch(/<noscript>.*JavaScript.*<\/noscript>/s);
    // Every script is a file: nothing inline for the CSP to allow.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self' https://challenges.cloudflare.com");
    expect(csp).toContain('frame-src https://challenges.cloudflare.com');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('says the form cannot be sent when the secret is set without a site key, rather than refusing every answer silently', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const html = await (await page({ TURNSTILE_SECRET: TEST_SECRET, TURNSTILE_SITE_KEY: '' })).text();
    expect(html).not.toContain('class="cf-turnstile"');
    expect(html).toContain('人机验证暂不可用');
  });

  it('renders no widget and loads nothing from Cloudflare when Turnstile is off', async () => {
    const html = await (await page()).text();
    expect(html).not.toContain('cf-turnstile');
    expect(html).not.toContain('challenges.cloudflare.com');
  });

  it("sends the form's cf-turnstile-response to siteverify and stores the answers", async () => {
    const calls = stubSiteverify();
    const form = await validForm({ 'cf-turnstile-response': 'XXXX.DUMMY.TOKEN.XXXX' });
    const res = await postForm(FORM, form, { bindings: TURNSTILE_ON });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/survey\/thanks\?receipt=r-/);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.get('response')).toBe('XXXX.DUMMY.TOKEN.XXXX');
    expect(calls[0]!.get('idempotency_key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('without a token (no JavaScript) answers 403 with the form, its answers and an honest message, and stores nothing', async () => {
    stubSiteverify();
    const before = await count('responses');
    const res = await postForm(FORM, await validForm({ comment: '路灯不够' }), { bindings: TURNSTILE_ON });
    expect(res.status).toBe(403);
    expectHtml(res);
    const html = await res.text();
    expect(html).toContain('路灯不够');
    const message = shownText(html, 'err-turnstile');
    expect(message).toContain('JavaScript');
    expect(message).not.toContain('浏览器');
    expect(html).toContain('href="#q-turnstile"');
    expect(await count('responses')).toBe(before);
  });
});
