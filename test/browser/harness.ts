import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../scripts/local-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go: not committed (see .gitignore). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

export interface Harness {
  server: LocalServer;
  browser: Browser;
  context: (options?: { javaScriptEnabled?: boolean; locale?: string; phone?: boolean }) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

export async function startHarness(options: LocalServerOptions = {}): Promise<Harness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startLocalServer(options);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    server,
    browser,
    context: ({ javaScriptEnabled = true, locale = 'zh-CN', phone = false } = {}) =>
      browser.newContext({
        baseURL: server.url,
        javaScriptEnabled,
        locale,
        viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
        isMobile: phone,
        hasTouch: phone,
      }),
    close: async () => {
      await browser.close();
      await server.dispose();
    },
  };
}

/** Answers every required question of the form on the page: 4 on scales, 8 to recommend, the first option elsewhere. */
export async function fillRequired(page: Page): Promise<void> {
  const fieldsets = page.locator('form[data-survey] [data-required="true"]');
  for (let i = 0; i < (await fieldsets.count()); i++) {
    const q = fieldsets.nth(i);
    const type = await q.getAttribute('data-type');
    if (type === 'consent') await q.locator('input[name="consent_participation"]').check();
    else if (type === 'likert') await q.locator('input[value="4"]').check();
    else if (type === 'nps') await q.locator('input[value="8"]').check();
    else if (type === 'text') await q.locator('textarea').fill('很好');
    else await q.locator('input').first().check();
  }
}

/** The number of responses a town page shows for one survey. */
export async function shownResponses(page: Page, survey: 'public' | 'enterprise'): Promise<number> {
  return Number(await page.locator(`section.satisfaction[data-survey="${survey}"]`).getAttribute('data-responses'));
}
