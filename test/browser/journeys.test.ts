import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillRequired, shownResponses, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('a new user %s', (_, javaScriptEnabled) => {
  it('searches changgou, opens 长沟镇, sees its status and history, answers the public questionnaire and gets a receipt; the count goes up', async () => {
    const context = await h.context({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('按名称或拼音查找小镇').fill('changgou');
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('link', { name: '长沟镇' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('长沟镇');
    await expect(page.getByRole('cell', { name: '入选' }).or(page.locator('td .badge-approved')).first().isVisible()).resolves.toBe(true);
    const history = page.locator('ol.timeline li');
    expect(await history.count()).toBeGreaterThan(0);
    expect(await history.first().textContent()).toContain('建村〔2016〕221号');
    const before = await shownResponses(page, 'public');

    await page.getByRole('link', { name: '填写居民与游客问卷' }).click();
    // Turnstile is off on this server: no widget, nothing asked of Cloudflare (test/browser/turnstile.test.ts has it on).
    expect(await page.locator('.cf-turnstile').count()).toBe(0);
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    const receipt = await page.locator('#receipt').textContent();
    expect(receipt).toMatch(/^r-[0-9a-f-]{36}$/);

    await page.getByRole('link', { name: /返回小镇页面/ }).click();
    expect(await shownResponses(page, 'public')).toBe(before + 1);
    await context.close();
  });
});

describe('the questionnaire', () => {
  it('shows what to fix, inline and in a summary, and accepts the answers once fixed (with JavaScript)', async () => {
    const context = await h.context();
    const page = await context.newPage();
    await page.goto('/survey/enterprise?town=beijing-changgouzhen');
    await page.getByRole('button', { name: '提交问卷' }).click();
    const summary = page.locator('#error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.locator('#err-overall').textContent()).toBe('此题为必答题');
    expect(await page.locator('#err-consent').textContent()).toBe('请勾选同意后再提交');
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    await context.close();
  });

  it('shows what to fix after a server round trip (without JavaScript)', async () => {
    const context = await h.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/survey/public?town=beijing-changgouzhen');
    await fillRequired(page);
    await page.locator('input[name="consent_participation"]').uncheck();
    await page.locator('fieldset[data-question="overall"] input[value="4"]').uncheck().catch(() => undefined);
    await page.getByRole('button', { name: '提交问卷' }).click();
    expect(await page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#err-consent').textContent()).toBe('请勾选同意后再提交');
    // What was entered is still there.
    expect(await page.locator('fieldset[data-question="env_nature"] input[value="4"]').isChecked()).toBe(true);
    await page.locator('input[name="consent_participation"]').check();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    await context.close();
  });

  it('keeps a half-filled questionnaire across a reload', async () => {
    const context = await h.context();
    const page = await context.newPage();
    await page.goto('/survey/public?town=beijing-changgouzhen');
    await page.locator('fieldset[data-question="role"] input[value="visitor"]').check();
    await page.locator('fieldset[data-question="env_clean"] input[value="2"]').check();
    await page.locator('textarea[name="comment"]').fill('路灯不够');
    const key = await page.locator('input[name="idempotency_key"]').inputValue();
    expect(await page.locator('#progress').textContent()).toMatch(/已回答 2 \/ \d+ 个必答题/);
    await page.reload();
    expect(await page.locator('fieldset[data-question="role"] input[value="visitor"]').isChecked()).toBe(true);
    expect(await page.locator('fieldset[data-question="env_clean"] input[value="2"]').isChecked()).toBe(true);
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('路灯不够');
    expect(await page.locator('input[name="idempotency_key"]').inputValue()).toBe(key);
    await context.close();
  });

  it('stores the answers once when the network drops the first reply', async () => {
    const context = await h.context();
    const page = await context.newPage();
    let attempts = 0;
    // The first request reaches the server and is stored, but its reply is lost on the way back.
    await page.route('**/api/v1/surveys/*/responses', async (route) => {
      attempts += 1;
      if (attempts === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.goto('/towns/beijing-changgouzhen');
    const before = await shownResponses(page, 'enterprise');
    await page.goto('/survey/enterprise?town=beijing-changgouzhen');
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    expect(attempts).toBe(2);
    await page.goto('/towns/beijing-changgouzhen');
    expect(await shownResponses(page, 'enterprise')).toBe(before + 1);
    await context.close();
  });
});

describe('keyboard only', () => {
  it('completes the enterprise questionnaire with Tab, Space and Enter alone, with focus always visible', async () => {
    const context = await h.context();
    const page = await context.newPage();
    await page.goto('/survey/enterprise?town=beijing-changgouzhen');
    const answered = new Set<string>();
    for (let presses = 0; presses < 400; presses++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        const group = el?.closest('[data-question]') as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          tag: el?.tagName ?? '', type: el?.type ?? '', name: el?.name ?? '',
          question: group?.dataset.question ?? '', required: group?.dataset.required === 'true',
          outlined: !!style && style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
        };
      });
      if (focus.tag === 'INPUT' || focus.tag === 'BUTTON') expect(focus.outlined, `${focus.tag} ${focus.name}`).toBe(true);
      if (focus.tag === 'BUTTON' && focus.type === 'submit') {
        await page.keyboard.press('Enter');
        break;
      }
      // A radio group takes one Tab stop: Space picks the focused option. The consent box is ticked the same way.
      if (focus.required && !answered.has(focus.question) && (focus.type === 'radio' || focus.name === 'consent_participation')) {
        await page.keyboard.press('Space');
        answered.add(focus.question);
      }
    }
    await page.waitForURL(/\/survey\/thanks/);
    expect(await page.locator('#receipt').textContent()).toMatch(/^r-/);
    await context.close();
  });
});

describe('languages', () => {
  it('switches to English and remembers it; Accept-Language picks English for a new visitor', async () => {
    const context = await h.context();
    const page = await context.newPage();
    await page.goto('/towns/beijing-changgouzhen');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('link', { name: /切换到英文/ }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { name: 'Status history' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Lists', exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('Official lists');
    await context.close();
    const english = await h.context({ locale: 'en-US' });
    const visitor = await english.newPage();
    await visitor.goto('/');
    expect(await visitor.locator('html').getAttribute('lang')).toBe('en');
    await english.close();
  });
});
