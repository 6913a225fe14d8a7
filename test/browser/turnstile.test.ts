import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TURNSTILE_TEST_KEYS } from '../../scripts/local-server.ts';
import { countedResponses, fillRequired, type Harness, SCREENSHOTS, startHarness } from './harness.ts';

/**
 * The questionnaire journey with Turnstile on, using Cloudflare's test keys
 * (finding 3 of issue 11). There is no internet here: Turnstile's api.js is
 * replaced by a stand-in that does what the real widget does for the
 * always-passing test site key (puts a dummy token in the form's
 * cf-turnstile-response field), and the local server answers siteverify.
 */

const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

/** The stand-in for https://challenges.cloudflare.com/turnstile/v0/api.js; `solved: false` is a challenge not yet done. */
function fakeApiJs(solved: boolean): string {
  return `(function () {
  function render(el) {
    var input = el.querySelector('input[name="cf-turnstile-response"]');
    if (!input) { input = document.createElement('input'); input.type = 'hidden'; input.name = 'cf-turnstile-response'; el.appendChild(input); }
    input.value = ${solved ? JSON.stringify(DUMMY_TOKEN) : "''"};
  }
  window.turnstile = { reset: function () { document.querySelectorAll('.cf-turnstile').forEach(render); } };
  document.querySelectorAll('.cf-turnstile').forEach(render);
})();`;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ turnstile: true });
});
afterAll(async () => h?.close());

const FORM = '/survey/public?town=beijing-changgouzhen';

/** A browser context whose requests to Cloudflare get the stand-in; console errors (a CSP violation is one) are collected. */
async function withTurnstile(solved: boolean): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await h.context();
  await context.route('https://challenges.cloudflare.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: fakeApiJs(solved) }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

describe('Turnstile on (test keys)', () => {
  it('with JavaScript: the widget gets its token, survey.js sends it, siteverify passes it, the answers are stored once', async () => {
    const { context, page, problems } = await withTurnstile(true);
    // Stored responses, counted where they are kept: the town page publishes the public wave in steps of 10.
    const before = await countedResponses(h.server, 'beijing-changgouzhen', 'public');
    const sent: Record<string, unknown>[] = [];
    page.on('request', (r) => r.url().endsWith('/api/v1/surveys/public/responses') && sent.push(r.postDataJSON()));
    await page.goto(FORM);
    expect(await page.locator('.cf-turnstile').getAttribute('data-sitekey')).toBe(TURNSTILE_TEST_KEYS.siteKey);
    // With JavaScript the note for browsers without it is not shown.
    expect(
      await page
        .getByText(/需要JavaScript/)
        .first()
        .isVisible(),
    ).toBe(false);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.turnstile_token).toBe(DUMMY_TOKEN);
    const verified = h.server.siteverifyCalls.at(-1)!;
    expect(verified.get('response')).toBe(DUMMY_TOKEN);
    expect(verified.get('secret')).toBe(TURNSTILE_TEST_KEYS.secret);
    expect(await countedResponses(h.server, 'beijing-changgouzhen', 'public')).toBe(before + 1);
    await page.getByRole('link', { name: /返回小镇页面/ }).click();
    expect(await page.locator('h1').textContent()).toBe('长沟镇');
    // The CSP let Turnstile's script run and nothing else was blocked.
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with JavaScript, before the challenge is done: says so and sends nothing', async () => {
    const { context, page } = await withTurnstile(false);
    let sent = 0;
    page.on('request', (r) => r.url().endsWith('/responses') && sent++);
    await page.goto(FORM);
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('提交前请先完成下方的人机验证。');
    expect(sent).toBe(0);
    await context.close();
  });

  it('without JavaScript: the form says honestly that it cannot be sent, and a post is refused with 403, the answers kept on the page', async () => {
    const context = await h.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    const before = await countedResponses(h.server, 'beijing-changgouzhen', 'public');
    const calls = h.server.siteverifyCalls.length;
    await page.goto(FORM);
    const note = page.getByText(/需要JavaScript/).first();
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).not.toContain('已保存');
    await page.screenshot({ path: join(SCREENSHOTS, 'questionnaire-turnstile-no-js.png'), fullPage: false });
    await fillRequired(page);
    await page.locator('textarea[name="comment"]').fill('路灯不够');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '提交问卷' }).click(),
    ]);
    expect(response.status()).toBe(403);
    const message = await page.locator('#err-turnstile').textContent();
    expect(message).toContain('JavaScript');
    expect(message).not.toContain('浏览器');
    expect(await page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('路灯不够');
    // No token, so siteverify was not even asked; nothing was stored.
    expect(h.server.siteverifyCalls.length).toBe(calls);
    expect(await countedResponses(h.server, 'beijing-changgouzhen', 'public')).toBe(before);
    await context.close();
  });

  it('the refused form (posted without survey.js or a token) has no axe violation', async () => {
    // axe needs JavaScript in the page, so the browser has it but neither survey.js nor Turnstile loads.
    const context = await h.context();
    await context.route(/\/survey\.js$|challenges\.cloudflare\.com/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(FORM);
    await fillRequired(page);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '提交问卷' }).click(),
    ]);
    expect(response.status()).toBe(403);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });
});
