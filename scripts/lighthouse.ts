/**
 * Lighthouse scores and page weights of the key pages (`npm run lighthouse`),
 * measured offline in Debian's Chromium against the built worker in workerd.
 * Prints a table and exits non-zero when a page misses the targets
 * (performance 95, accessibility, best practices and SEO 100).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startLocalServer } from './local-server.ts';

const PAGES: [string, string][] = [
  ['home', '/'],
  ['list', '/lists/mohurd-2016-batch1'],
  ['town', '/towns/beijing-changgouzhen'],
  ['questionnaire', '/survey/public?town=beijing-changgouzhen'],
];
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 } as const;

const server = await startLocalServer();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
let failed = false;
try {
  console.log(`Lighthouse (mobile, simulated throttling), ${new Date().toISOString()}`);
  console.log('page            perf  a11y  best   seo   bytes (transfer)   JS bytes');
  // The first request of a fresh isolate compiles the worker; measure pages, not the cold start.
  for (const [, path] of PAGES) await (await fetch(`${server.url}${path}`)).arrayBuffer();
  for (const [name, path] of PAGES) {
    const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error' });
    const lhr = result!.lhr;
    if (lhr.runtimeError) console.log(`  ${name}: Lighthouse could not measure: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (id: keyof typeof TARGETS) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const items = (lhr.audits['network-requests']?.details as { items?: { transferSize?: number; resourceType?: string }[] })?.items ?? [];
    const bytes = items.reduce((n, i) => n + (i.transferSize ?? 0), 0);
    const js = items.filter((i) => i.resourceType === 'Script').reduce((n, i) => n + (i.transferSize ?? 0), 0);
    const scores = Object.keys(TARGETS).map((k) => score(k as keyof typeof TARGETS));
    console.log(
      `${name.padEnd(15)} ${scores.map((s) => String(s).padStart(4)).join('  ')}   ${String(bytes).padStart(8)}           ${String(js).padStart(6)}`,
    );
    for (const [id, target] of Object.entries(TARGETS)) {
      if (score(id as keyof typeof TARGETS) < target) {
        failed = true;
        const misses = Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a.id);
        console.log(`  ${id} below ${target}; failing audits: ${misses.join(', ')}`);
      }
    }
  }
} finally {
  chrome.kill();
  await server.dispose();
}
process.exit(failed ? 1 : 0);
