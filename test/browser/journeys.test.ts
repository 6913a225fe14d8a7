import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../web/i18n/index.ts';
import { USCC_ALPHABET, usccCheckCharacter } from '../../worker/lib/uscc.ts';
import { KNOWN_TOWN } from '../fixtures.ts';
import {
  countedResponses,
  fillRequired,
  type Harness,
  newEnterpriseCode,
  newNetwork,
  seedResponses,
  shownResponses,
  startHarness,
} from './harness.ts';

const zh = MESSAGES.zh;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** A browser of its own on a network of its own: each test is another visitor (and never a duplicate of another's answers). */
const newVisitor = (options: { javaScriptEnabled?: boolean } = {}) => h.context({ network: newNetwork(), ...options });

/** The code with its check character replaced by another: one mistyped character, which the check catches. */
function mistyped(code: string): string {
  const right = usccCheckCharacter(code.slice(0, 17));
  return code.slice(0, 17) + USCC_ALPHABET[(USCC_ALPHABET.indexOf(right) + 7) % 31];
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('a new user %s', (_, javaScriptEnabled) => {
  it('searches changgou, opens 长沟镇, sees its status and history, answers the public questionnaire and gets a receipt; the count goes up', async () => {
    const context = await newVisitor({ javaScriptEnabled });
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
    // The public wave publishes each town in steps of 10 responses: others have answered, so that this answer is the 10th.
    await seedResponses(h.server, 'public', KNOWN_TOWN, 9 - ((await countedResponses(h.server, KNOWN_TOWN, 'public')) % 10));

    await page.getByRole('link', { name: '填写居民与游客问卷' }).click();
    // Turnstile is off on this server: no widget, nothing asked of Cloudflare (test/browser/turnstile.test.ts has it on).
    expect(await page.locator('.cf-turnstile').count()).toBe(0);
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    const receipt = await page.locator('#receipt').textContent();
    expect(receipt).toMatch(/^r-[0-9a-f-]{36}$/);

    await page.getByRole('link', { name: /返回小镇页面/ }).click();
    expect(await shownResponses(page, 'public')).toBe(before + 10);
    expect((await countedResponses(h.server, KNOWN_TOWN, 'public')) % 10).toBe(0);
    await context.close();
  });
});

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('an enterprise %s', (_, javaScriptEnabled) => {
  it('opens the enterprise questionnaire from the town page, sees its wave, has a mistyped code refused beside the field, answers once, and is told a second answer is not counted', async () => {
    const context = await newVisitor({ javaScriptEnabled });
    const page = await context.newPage();
    const survey = (await (await fetch(`${h.server.url}/api/v1/surveys/enterprise`)).json()) as { wave: { name: { zh: string } } };
    await page.goto(`/towns/${KNOWN_TOWN}`);
    await page.getByRole('link', { name: '填写企业问卷' }).click();
    expect(await page.locator('#wave').textContent()).toContain(survey.wave.name.zh);
    // The field is labelled, and says why it is asked and that it is never stored.
    const field = page.getByLabel(/统一社会信用代码/);
    expect(await field.getAttribute('name')).toBe('enterprise_code');
    expect(await page.locator('#hint-enterprise_code').textContent()).toContain('从不保存');
    const before = await countedResponses(h.server, KNOWN_TOWN, 'enterprise');

    const code = newEnterpriseCode();
    await fillRequired(page);
    await field.fill(mistyped(code));
    await page.getByRole('button', { name: '提交问卷' }).click();
    const error = page.locator('#err-enterprise_code');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe(zh.survey.errorCode);
    expect(await page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#q-overall input[value="4"]').isChecked()).toBe(true);
    expect(await countedResponses(h.server, KNOWN_TOWN, 'enterprise')).toBe(before);

    await field.fill(code);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    expect(await page.locator('#receipt').textContent()).toMatch(/^r-/);
    expect(await countedResponses(h.server, KNOWN_TOWN, 'enterprise')).toBe(before + 1);

    // The same enterprise again, for the same town in the same wave: refused, and told why.
    await page.goto(`/survey/enterprise?town=${KNOWN_TOWN}`);
    await fillRequired(page);
    await page.getByLabel(/统一社会信用代码/).fill(code.toLowerCase());
    await page.getByRole('button', { name: '提交问卷' }).click();
    const notice = javaScriptEnabled ? page.locator('#status') : page.locator('.notice[role="alert"]');
    await expect.poll(() => notice.textContent()).toBe(zh.survey.alreadyAnswered);
    expect(await page.locator('#err-enterprise_code').isVisible()).toBe(false);
    expect(await countedResponses(h.server, KNOWN_TOWN, 'enterprise')).toBe(before + 1);
    await context.close();
  });
});

describe('the questionnaire', () => {
  it('shows what to fix, inline and in a summary, and accepts the answers once fixed (with JavaScript)', async () => {
    const context = await newVisitor();
    const page = await context.newPage();
    await page.goto(`/survey/enterprise?town=${KNOWN_TOWN}`);
    await page.getByRole('button', { name: '提交问卷' }).click();
    const summary = page.locator('#error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.locator('#err-overall').textContent()).toBe('此题为必答题');
    expect(await page.locator('#err-consent').textContent()).toBe('请勾选同意后再提交');
    expect(await page.locator('#err-enterprise_code').textContent()).toBe('此题为必答题');
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    await context.close();
  });

  it('shows what to fix after a server round trip (without JavaScript)', async () => {
    const context = await newVisitor({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/survey/public?town=${KNOWN_TOWN}`);
    await fillRequired(page);
    await page.locator('input[name="consent_participation"]').uncheck();
    await page
      .locator('fieldset[data-question="overall"] input[value="4"]')
      .uncheck()
      .catch(() => undefined);
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

  it('keeps a half-filled questionnaire across a reload, but never the enterprise code', async () => {
    const context = await newVisitor();
    const page = await context.newPage();
    await page.goto(`/survey/public?town=${KNOWN_TOWN}`);
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
    // The code identifies the enterprise: it is not left in the browser's storage either.
    await page.goto(`/survey/enterprise?town=${KNOWN_TOWN}`);
    await page.locator('fieldset[data-question="industry"] input').first().check();
    await page.getByLabel(/统一社会信用代码/).fill(newEnterpriseCode());
    await page.reload();
    expect(await page.locator('fieldset[data-question="industry"] input').first().isChecked()).toBe(true);
    expect(await page.getByLabel(/统一社会信用代码/).inputValue()).toBe('');
    expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage)))).not.toContain('enterprise_code');
    await context.close();
  });

  it('stores the answers once when the network drops the first reply', async () => {
    const context = await newVisitor();
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
    // The enterprise wave publishes only once closed, so the stored responses are counted where they are kept.
    const before = await countedResponses(h.server, KNOWN_TOWN, 'enterprise');
    await page.goto(`/survey/enterprise?town=${KNOWN_TOWN}`);
    await fillRequired(page);
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.waitForURL(/\/survey\/thanks/);
    expect(attempts).toBe(2);
    expect(await countedResponses(h.server, KNOWN_TOWN, 'enterprise')).toBe(before + 1);
    await context.close();
  });
});

describe('keyboard only', () => {
  it('completes the enterprise questionnaire with Tab, Space, Enter and typing the code alone, with focus always visible', async () => {
    const context = await newVisitor();
    const page = await context.newPage();
    await page.goto(`/survey/enterprise?town=${KNOWN_TOWN}`);
    const answered = new Set<string>();
    for (let presses = 0; presses < 400; presses++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        const group = el?.closest('[data-question]') as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          tag: el?.tagName ?? '',
          type: el?.type ?? '',
          name: el?.name ?? '',
          question: group?.dataset.question ?? '',
          required: group?.dataset.required === 'true',
          outlined: !!style && style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
        };
      });
      if (focus.tag === 'INPUT' || focus.tag === 'BUTTON') expect(focus.outlined, `${focus.tag} ${focus.name}`).toBe(true);
      if (focus.tag === 'BUTTON' && focus.type === 'submit') {
        await page.keyboard.press('Enter');
        break;
      }
      if (focus.name === 'enterprise_code' && !answered.has('enterprise_code')) {
        await page.keyboard.type(newEnterpriseCode());
        answered.add('enterprise_code');
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
    const context = await newVisitor();
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
