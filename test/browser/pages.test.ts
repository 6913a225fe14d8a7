import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, SCREENSHOTS, seedResponses, startHarness } from './harness.ts';

let h: Harness;
let receipt = '';
let resultsTown = '';
beforeAll(async () => {
  h = await startHarness();
  // A town whose results are published (the server starts empty): 10 public responses publish its live wave; 10
  // enterprise responses, then the wave closed by staff, publish its enterprise wave with the IPA. A third enterprise
  // wave then opens: the page shows one wave that publishes once it closes, one published and one below the minimum.
  resultsTown = (
    (await (await fetch(`${h.server.url}/api/v1/towns?limit=1&province=${encodeURIComponent('浙江省')}`)).json()) as {
      items: { id: string }[];
    }
  ).items[0]!.id;
  await seedResponses(h.server, 'public', resultsTown, 10);
  await seedResponses(h.server, 'enterprise', resultsTown, 10);
  const admin = { Authorization: 'Bearer local-server-token', 'Content-Type': 'application/json' };
  const now = new Date().toISOString();
  for (const [method, path, body] of [
    ['PATCH', '/api/v1/admin/surveys/enterprise/waves/enterprise-w2', { closes_at: now }],
    [
      'POST',
      '/api/v1/admin/surveys/enterprise/waves',
      {
        id: 'enterprise-w3',
        name: { zh: '第三轮（2027年）', en: 'Wave 3 (2027)' },
        opens_at: now,
        closes_at: null,
        publication: 'after_close',
      },
    ],
  ] as const) {
    const res = await fetch(`${h.server.url}${path}`, { method, headers: admin, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  }
  // A real receipt, so that the confirmation page can be checked too.
  const survey = await (await fetch(`${h.server.url}/api/v1/surveys/public`)).json();
  const answers: Record<string, unknown> = {};
  for (const q of survey.sections.flatMap((s: { questions: unknown[] }) => s.questions) as {
    id: string;
    type: string;
    required: boolean;
    options?: { id: string }[];
  }[]) {
    if (!q.required) continue;
    answers[q.id] = q.type === 'likert' ? 3 : q.type === 'nps' ? 7 : q.options![0]!.id;
  }
  const res = await fetch(`${h.server.url}/api/v1/surveys/public/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `pages-test-${Date.now()}` },
    body: JSON.stringify({ town_id: 'beijing-changgouzhen', answers, consent: { participation: true } }),
  });
  receipt = ((await res.json()) as { receipt: string }).receipt;
});
afterAll(async () => h?.close());

const PAGES: [string, () => string][] = [
  ['home', () => '/?q=changgou'],
  ['lists', () => '/lists'],
  ['list', () => '/lists/mohurd-2016-batch1?province=浙江省'],
  ['town', () => '/towns/beijing-changgouzhen'],
  ['town-results', () => `/towns/${resultsTown}`],
  ['stats', () => '/stats'],
  ['home-map', () => '/?list=mohurd-2017-batch2&status=approved'],
  ['stats-map', () => '/stats?list=zhejiang-2015-creation-batch1&status=bogus'],
  ['towns', () => '/towns?province=浙江省&status=approved'],
  ['data', () => '/data'],
  ['methodology', () => '/methodology'],
  ['accessibility', () => '/accessibility'],
  ['surveys', () => '/survey'],
  ['survey-town', () => '/survey/public?q=长沟'],
  ['questionnaire', () => '/survey/enterprise?town=beijing-changgouzhen'],
  ['thanks', () => `/survey/thanks?receipt=${receipt}`],
  ['not-found', () => '/no-such-page'],
  ['bad-cursor', () => '/lists/mohurd-2016-batch1?cursor=garbage'],
];

/** Pages that answer a refusal, with its status; every other page is a 200. */
const STATUS: Record<string, number> = { 'not-found': 404, 'bad-cursor': 400 };

describe.each(['zh', 'en'])('every page in %s', (lang) => {
  it.each(PAGES)('%s: no axe violation, no console error, light JavaScript, a title and a description', async (name, path) => {
    for (const phone of [false, true]) {
      const context = await h.context({ phone });
      const page = await context.newPage();
      const problems: string[] = [];
      // Chromium logs a 404 document as a console error; failing resources are caught below instead, by status.
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      let scriptBytes = 0;
      page.on('response', async (r) => {
        if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
        if (r.request().resourceType() === 'script') scriptBytes += gzipSync(await r.body()).length;
      });
      const url = `${path()}${path().includes('?') ? '&' : '?'}lang=${lang}`;
      const res = await page.goto(url);
      expect(res?.status()).toBe(STATUS[name] ?? 200);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        `${name} ${lang} ${phone ? 'phone' : 'desktop'}`,
      ).toEqual([]);
      expect(problems).toEqual([]);
      expect(scriptBytes).toBeLessThan(50 * 1024);
      expect((await page.title()).length).toBeGreaterThan(3);
      expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}-${phone ? 'phone' : 'desktop'}.png`), fullPage: true });
      await context.close();
    }
  });
});

// /docs is the API reference: English only (like the OpenAPI document it is made from), so it is not in PAGES, whose
// pages follow ?lang=. The same checks, at a 375 px phone width too, with every request sample opened.
describe('the API reference at /docs', () => {
  it.each([
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 375, height: 812 }],
  ] as const)('docs on %s: no axe violation, no console error, no script, nothing wider than the screen', async (device, viewport) => {
    const context = await h.context({ phone: device === 'phone' });
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    expect((await page.goto('/docs'))?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('script').count()).toBe(0);
    // The samples are closed at first; opened, their code must still fit and pass axe.
    await page.locator('details').evaluateAll((all) => {
      for (const d of all) (d as HTMLDetailsElement).open = true;
    });
    expect(await page.locator('details[open] pre code').count()).toBeGreaterThan(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(
      results.violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .slice(0, 5)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      ),
      device,
    ).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.title()).toContain('API reference');
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy();
    await page.screenshot({ path: join(SCREENSHOTS, `docs-${device}.png`), fullPage: true });
    await context.close();
  });

  it('docs without JavaScript: a try-it form opens the answer, with only the fields filled in', async () => {
    const context = await h.context({ javaScriptEnabled: false, phone: true });
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/docs');
    const form = page.locator('form.try').filter({ has: page.locator('input[name="operation"][value="listTowns"]') });
    await form.getByLabel('q', { exact: true }).fill('changgou');
    await form.getByLabel('format', { exact: true }).selectOption('json');
    await Promise.all([page.waitForURL(/\/api\/v1\/towns\?/), form.getByRole('button', { name: 'Send' }).click()]);
    const url = new URL(page.url());
    expect([...url.searchParams]).toEqual([
      ['q', 'changgou'],
      ['format', 'json'],
    ]);
    const body = JSON.parse((await page.locator('body').textContent())!) as { items: { id: string }[] };
    expect(body.items.map((t) => t.id)).toContain('beijing-changgouzhen');
    // A path parameter is put into the path.
    await page.goto('/docs');
    const town = page.locator('form.try').filter({ has: page.locator('input[name="operation"][value="getTown"]') });
    await town.getByLabel('id (required)').fill('beijing-changgouzhen');
    await Promise.all([page.waitForURL(/\/api\/v1\/towns\/beijing-changgouzhen$/), town.getByRole('button', { name: 'Send' }).click()]);
    expect(await page.locator('body').textContent()).toContain('"id":"beijing-changgouzhen"');
    await context.close();
  });
});

describe('the province tile map without JavaScript', () => {
  it.each(['/', '/stats'])(
    '%s: the form changes the map, a tile opens the filtered towns, no axe violation, no overflow at 375 px',
    async (path) => {
      const context = await h.context({ javaScriptEnabled: false, phone: true });
      const page = await context.newPage();
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goto(`${path}?lang=en`);
      const map = page.locator('#map');
      const tile = (province: string) => map.locator(`svg a[data-province="${province}"]`);
      expect(await map.locator('svg a').count()).toBe(31);
      // The drawing is scaled to the screen: nothing wider than the viewport.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const box = await map.locator('svg').first().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      // Choose a list and a status and send the form: a plain GET, back at the map.
      await map.locator('select[name="list"]').selectOption('mohurd-2017-batch2');
      await map.locator('select[name="status"]').selectOption('approved');
      await Promise.all([page.waitForURL(/list=mohurd-2017-batch2&status=approved#map$/), map.locator('button[type="submit"]').click()]);
      const api = (await (
        await fetch(`${h.server.url}/api/v1/stats?group_by=province&list=mohurd-2017-batch2&status=approved`)
      ).json()) as { groups: { key: string; towns: number }[] };
      const zhejiang = api.groups.find((g) => g.key === '浙江省')!.towns;
      expect(await tile('浙江省').getAttribute('data-towns')).toBe(String(zhejiang));
      expect(await tile('浙江省').getAttribute('aria-label')).toBe(`Zhejiang: ${zhejiang} towns`);
      expect(await map.locator('tr[data-province="浙江省"] td').textContent()).toBe(String(zhejiang));
      // axe runs as a script, which this context does not run: the page has none, so a browser with JavaScript
      // renders the same document, and axe checks it there at the same width.
      expect(await page.locator('script').count()).toBe(0);
      const checker = await h.context({ phone: true });
      await checker.addCookies(await context.cookies()); // the language chosen by ?lang= on the first page
      const checked = await checker.newPage();
      await checked.setViewportSize({ width: 375, height: 812 });
      await checked.goto(page.url());
      expect(await checked.content()).toBe(await page.content());
      const results = await new AxeBuilder({ page: checked })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await checker.close();
      await page.screenshot({ path: join(SCREENSHOTS, `map-${path === '/' ? 'home' : 'stats'}-nojs-phone.png`), fullPage: true });
      // A tile is a link to the list's towns in that province and status, as many as the tile says.
      await Promise.all([page.waitForURL(/\/lists\/mohurd-2017-batch2\?province=/), tile('浙江省').click()]);
      expect(new URL(page.url()).searchParams.get('province')).toBe('浙江省');
      expect(new URL(page.url()).searchParams.get('status')).toBe('approved');
      expect(await page.locator('table').first().locator('tbody tr').count()).toBe(Math.min(zhejiang, 50));
      await context.close();
    },
  );

  it('a tile is reached and followed with the keyboard alone', async () => {
    const context = await h.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/stats?status=approved&lang=zh');
    const first = page.locator('#map svg a').first();
    await first.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-province'))).toBe('北京市');
    await Promise.all([page.waitForURL(/\/towns\?province=/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('province')).toBe('北京市');
    await context.close();
  });
});

describe('security headers on HTML', () => {
  it('every page has a CSP without inline script, nosniff, a referrer policy and frame-ancestors none', async () => {
    for (const [, path] of PAGES) {
      const res = await fetch(`${h.server.url}${path()}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBeTruthy();
      expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      // The language comes from the cookie or Accept-Language: no shared cache may keep one reader's page for another.
      expect(res.headers.get('cache-control') ?? 'no-store').not.toContain('public');
      expect(res.headers.get('vary')).toContain('Accept-Language');
    }
  });

  it('serves a favicon and robots.txt', async () => {
    expect((await fetch(`${h.server.url}/favicon.svg`)).status).toBe(200);
    expect(await (await fetch(`${h.server.url}/robots.txt`)).text()).toContain('User-agent');
  });
});
