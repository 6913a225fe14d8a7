import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type LocalServer, type LocalServerOptions, startLocalServer } from '../../scripts/local-server.ts';
import { usccCheckCharacter } from '../../worker/lib/uscc.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go: not committed (see .gitignore). */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

export interface Harness {
  server: LocalServer;
  browser: Browser;
  /** `network`: the visitor's address as the worker sees it (CF-Connecting-IP), so that two visitors are two networks. */
  context: (options?: { javaScriptEnabled?: boolean; locale?: string; phone?: boolean; network?: string }) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

export async function startHarness(options: LocalServerOptions = {}): Promise<Harness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startLocalServer(options);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    server,
    browser,
    context: ({ javaScriptEnabled = true, locale = 'zh-CN', phone = false, network } = {}) =>
      browser.newContext({
        baseURL: server.url,
        javaScriptEnabled,
        locale,
        viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
        isMobile: phone,
        hasTouch: phone,
        // The local server keeps a CF-Connecting-IP it is sent (Cloudflare sets it in production).
        extraHTTPHeaders: network ? { 'CF-Connecting-IP': network } : undefined,
      }),
    close: async () => {
      await browser.close();
      await server.dispose();
    },
  };
}

let codes = Math.floor(Math.random() * 1e8);
/** A valid unified social credit code (GB 32100-2015), a new one at each call: made up, no enterprise has it. */
export function newEnterpriseCode(): string {
  const first17 = `91440300${String(++codes).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

/**
 * Answers every required question of the form on the page: 4 on scales, 8 to recommend, the first option elsewhere,
 * and a new valid enterprise code where the form asks for one.
 */
export async function fillRequired(page: Page): Promise<void> {
  const fieldsets = page.locator('form[data-survey] [data-required="true"]');
  for (let i = 0; i < (await fieldsets.count()); i++) {
    const q = fieldsets.nth(i);
    const type = await q.getAttribute('data-type');
    if (type === 'consent') await q.locator('input[name="consent_participation"]').check();
    else if (type === 'likert') await q.locator('input[value="4"]').check();
    else if (type === 'nps') await q.locator('input[value="8"]').check();
    else if (type === 'text') await q.locator('textarea').fill('很好');
    else if (type === 'code') await q.locator('input').fill(newEnterpriseCode());
    else await q.locator('input').first().check();
  }
}

/**
 * The number of responses a town page shows for one survey: those of its newest wave (the first of the survey's
 * waves on the page), or of the wave named. A wave published live moves in steps of 10; one published after it
 * closes shows none while open.
 */
export async function shownResponses(page: Page, survey: 'public' | 'enterprise', wave?: string): Promise<number> {
  const block = page.locator(`section.satisfaction[data-survey="${survey}"]${wave ? `[data-wave="${wave}"]` : ''}`).first();
  return Number(await block.getAttribute('data-responses'));
}

/** Responses stored and counted (not probable duplicates) for a town in a survey, every wave: what the results are made of. */
export async function countedResponses(server: LocalServer, town: string, survey: 'public' | 'enterprise'): Promise<number> {
  const row = await server.db
    .prepare(
      'SELECT COUNT(*) AS n FROM responses r JOIN survey_waves w ON w.id = r.wave_id WHERE r.town_id = ? AND w.survey_id = ? AND r.probable_duplicate = 0',
    )
    .bind(town, survey)
    .first<number>('n');
  return row ?? 0;
}

let networks = 0;
/** A network address of its own for each visitor or seeded response. */
export const newNetwork = () => `198.18.${Math.floor(networks / 250) % 250}.${(networks++ % 250) + 1}`;

/**
 * Stores `n` responses through the JSON API, each from a network of its own with answers of its own (so none is a
 * probable duplicate or rate-limited): on the scales 2, 3 or 4 by question give or take 1 by respondent (so that
 * questions differ, as on the pages' screenshots), 0–10 in turn to recommend, the first option elsewhere.
 */
export async function seedResponses(
  server: LocalServer,
  survey: 'public' | 'enterprise',
  town: string,
  n: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const definition = (await (await fetch(`${server.url}/api/v1/surveys/${survey}`)).json()) as {
    sections: { questions: { id: string; type: string; required: boolean; options?: { id: string }[] }[] }[];
  };
  for (let i = 0; i < n; i++) {
    const answers: Record<string, unknown> = {};
    definition.sections
      .flatMap((s) => s.questions)
      .forEach((q, k) => {
        if (!q.required) return;
        answers[q.id] =
          q.type === 'likert'
            ? 2 + (k % 3) + ((i + 2 * k) % 3) - 1
            : q.type === 'nps'
              ? (i * 3 + k) % 11
              : q.type === 'multi'
                ? [q.options![0]!.id]
                : q.options![0]!.id;
      });
    const res = await fetch(`${server.url}/api/v1/surveys/${survey}/responses`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': `seed-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        'CF-Connecting-IP': newNetwork(),
      },
      body: JSON.stringify({
        town_id: town,
        answers,
        consent: { participation: true },
        ...(survey === 'enterprise' ? { enterprise_code: newEnterpriseCode() } : {}),
        ...extra,
      }),
    });
    if (res.status !== 201) throw new Error(`seeding ${survey} for ${town}: ${res.status} ${await res.text()}`);
  }
}
