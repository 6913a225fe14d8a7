import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_TOWN } from '../fixtures.ts';
import { type Harness, newNetwork, SCREENSHOTS, startHarness } from './harness.ts';

const ADMIN = { Authorization: 'Bearer local-server-token' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

async function expectNoAxeViolation(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** What staff do through the admin API. */
async function admin(method: string, path: string, body?: unknown, type = 'application/json'): Promise<Response> {
  return fetch(`${h.server.url}${path}`, {
    method,
    headers: { ...ADMIN, 'Content-Type': type },
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('a resident %s', (label, javaScriptEnabled) => {
  it('opens the form on a town page, has a source refused beside its field, sends the correction and follows it to its decision', async () => {
    const context = await h.context({ javaScriptEnabled, network: newNetwork() });
    const page = await context.newPage();
    await page.goto(`/towns/${KNOWN_TOWN}`);
    await page.getByText('填写建议表单').click();
    if (javaScriptEnabled) await expectNoAxeViolation(page);
    await page.getByLabel('名单', { exact: true }).selectOption('mohurd-2016-batch1');
    await page.getByLabel(/哪里有误或缺少什么/).fill(`镇名写法有误（${label}）`);
    await page.getByLabel(/依据（必填）/).fill('听说的');
    await page.getByRole('button', { name: '提交建议' }).click();

    // Refused: the form again, on a page of its own, with the problem beside the field and what was typed kept.
    await expect.poll(() => page.locator('h1').textContent()).toBe('报告错误或遗漏');
    expect(await page.locator('#sg-err-source').textContent()).toContain('文号');
    expect(await page.getByLabel(/哪里有误或缺少什么/).inputValue()).toBe(`镇名写法有误（${label}）`);
    if (javaScriptEnabled) await expectNoAxeViolation(page);
    await page.getByLabel(/依据（必填）/).fill('建村〔2016〕221号');
    await page.getByRole('button', { name: '提交建议' }).click();

    await page.waitForURL(/\/suggestions\/s-[0-9a-f-]{36}\?lang=zh&sent=1$/);
    const receipt = (await page.locator('#receipt').textContent())!;
    expect(await page.locator('#suggestion-status').textContent()).toBe('已收到，待核实');
    expect(await page.locator('main').textContent()).toContain('建村〔2016〕221号');
    if (javaScriptEnabled) await expectNoAxeViolation(page);
    await page.screenshot({ path: join(SCREENSHOTS, `suggestion-receipt-${javaScriptEnabled ? 'js' : 'nojs'}.png`), fullPage: true });

    // Staff decline it with a reason; the same page says so.
    expect((await admin('POST', `/api/v1/admin/suggestions/${receipt}/decline`, { reason: '该文号未提及此更正。' })).status).toBe(200);
    await page.reload();
    expect(await page.locator('#suggestion-status').textContent()).toBe('未采纳');
    expect(await page.locator('#reason').textContent()).toBe('该文号未提及此更正。');
    await context.close();
  });
});

describe('an accepted suggestion', () => {
  it('sent from a list page in English, accepted and imported, is credited to the public on the town page', async () => {
    const context = await h.context({ locale: 'en-GB', network: newNetwork() });
    const page = await context.newPage();
    await page.goto('/lists/mohurd-2016-batch1?lang=en');
    await page.getByText('Fill in the suggestion form').click();
    await page.getByRole('radio', { name: /Correction/ }).check();
    await page.getByLabel('Status the source gives (optional)').selectOption('retained');
    await page.getByLabel(/Date \(optional/).fill('2021-03-31');
    await page.getByLabel(/What is wrong or missing/).fill(`Changgou was retained (${KNOWN_TOWN})`);
    await page.getByLabel(/Source \(required\)/).fill('建村〔2016〕221号');
    await expectNoAxeViolation(page);
    await page.getByRole('button', { name: 'Send the suggestion' }).click();
    await page.waitForURL(/\/suggestions\/s-/);
    const receipt = (await page.locator('#receipt').textContent())!;

    // A list's correction names no town: staff fill in the town in the prefilled row before importing it.
    const accepted = (await (await admin('POST', `/api/v1/admin/suggestions/${receipt}/accept`)).json()) as {
      csv: string;
      report: { problems: { column: string }[] };
    };
    expect(accepted.report.problems.map((p) => p.column)).toContain('town');
    const [header, row] = accepted.csv.trim().split('\r\n');
    const imported = await admin('POST', '/api/v1/admin/imports', `${header}\r\n${KNOWN_TOWN}${row}\r\n`, 'text/csv');
    expect(imported.status, await imported.clone().text()).toBe(201);

    await page.reload();
    expect(await page.locator('#suggestion-status').textContent()).toBe('Accepted');
    await page.getByRole('link', { name: new RegExp(KNOWN_TOWN) }).click();
    await expect.poll(() => page.locator('.timeline li .credit').count()).toBe(1);
    expect(await page.locator('.timeline li .credit').textContent()).toBe('Suggested by the public');
    await expectNoAxeViolation(page);
    await context.close();
  });
});
