import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { IpaChart, ipaRange } from '../../web/components/ipa-chart.tsx';
import { type Lang, MESSAGES } from '../../web/i18n/index.ts';
import { FORMULAS } from '../../web/pages/methodology.tsx';
import { config } from '../../worker/config.ts';
import { type IpaInput, importancePerformance } from '../../worker/services/surveys/ipa.ts';
import { get } from '../helpers.ts';

/** hono/jsx escapes text: compare with the page's HTML as a browser receives it. */
const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('/methodology', () => {
  it.each(['zh', 'en'] as const)(
    'answers 200 in %s with the formulas of scores, intervals, NPS, IPA, publication and uniqueness',
    async (lang) => {
      const res = await get(`/methodology?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(res.headers.get('Cache-Control')).toBe('private, max-age=60');
      const page = await res.text();
      const t = MESSAGES[lang];
      expect(page).toContain(`<html lang="${t.lang}"`);
      expect(page).toContain(`<h1>${t.methodology.title}</h1>`);
      for (const formula of Object.values(FORMULAS)) expect(page).toContain(html(formula));
      // The ones that matter most, spelled out, so that a change to the constants is a change to this test.
      expect(page).toContain('score = (x − 1) ÷ (k − 1) × 100');
      expect(page).toContain('s² = (Σxᵢ² − n · x̄²) ÷ (n − 1)');
      expect(page).toContain('x̄ ± t(0.975, n − 1) × s ÷ √n');
      expect(page).toContain('z = 1.959964');
      expect(page).toContain(lang === 'zh' ? 'NPS = (推荐者人数 − 贬损者人数) ÷ n × 100' : 'NPS = (promoters − detractors) ÷ n × 100');
      expect(page).toContain('n′ = ⌊n ÷ 10⌋ × 10');
      expect(page).toContain('G = I − S');
      expect(page).toContain('HMAC-SHA-256(K, C | T)');
      expect(page).toContain('1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28');
      // The disclosure rules with the minimum sample this deployment uses, and the quadrants by name.
      expect(page).toContain(`n ≥ ${config(env).minSample}`);
      expect(page).toContain('n &lt; 30');
      for (const q of Object.values(t.ipa.quadrants)) expect(page).toContain(q);
      // The worked example is drawn: an image with its title and description, and its table.
      expect(page).toMatch(/<svg class="ipa-plot"[^>]* role="img" aria-labelledby="ipa-example-chart-title ipa-example-chart-desc"/);
      expect(page).toContain(`<title id="ipa-example-chart-title">${html(t.ipa.title)}</title>`);
      expect(page).not.toMatch(/<script(?![^>]*src=)/);
    },
  );

  it('is linked from every page (the footer) and from the data page', async () => {
    for (const path of ['/lists', '/data']) expect(await (await get(path)).text()).toContain('href="/methodology"');
    const data = await (await get('/data?lang=en')).text();
    expect(data).toContain(`<a href="/methodology">${html(MESSAGES.en.data.methodology)}</a>`);
  });
});

const est = (mean: number, half = 5) => ({ n: 30, mean, ci_low: mean - half, ci_high: mean + half });
const SAMPLE: IpaInput[] = [
  { function: 'planning', label: { zh: '总体规划', en: 'Overall planning' }, importance: est(80), satisfaction: est(50) },
  { function: 'supervision', label: { zh: '监督管理', en: 'Supervision & <management>' }, importance: est(60), satisfaction: est(70) },
  { function: 'coordination', label: { zh: '组织协调', en: 'Organisation and coordination' }, importance: null, satisfaction: est(65) },
];

async function render(lang: Lang, inputs: IpaInput[], id = 'ipa-test'): Promise<string> {
  const ctx = { lang, t: MESSAGES[lang], url: new URL('https://example.test/towns/x') };
  return String(await Promise.resolve(IpaChart({ ctx, id, caption: 'IPA 示例', result: importancePerformance(inputs) })));
}

describe('the IPA chart', () => {
  // Grand means over the two complete functions: importance (80 + 60) ÷ 2 = 70, satisfaction (50 + 70) ÷ 2 = 60.
  // Range: every point, interval and the crosshair lie in 45–85 → 40–90, so 8 units a point across 400:
  // the crosshair is at x = 58 + (60 − 40) × 8 = 218 and y = 16 + 400 − (70 − 40) × 8 = 176.
  it('zooms to a range holding every point and the crosshair, and draws the crosshair at the grand means', async () => {
    expect(ipaRange(importancePerformance(SAMPLE))).toEqual([40, 90]);
    const svg = await render('en', SAMPLE);
    expect(svg).toContain('<line x1="218" y1="16" x2="218" y2="416" stroke="#555" stroke-dasharray="5 4">');
    expect(svg).toContain('<line x1="58" y1="176" x2="458" y2="176" stroke="#555" stroke-dasharray="5 4">');
    // Planning at satisfaction 50, importance 80: x = 58 + 10 × 8 = 138, y = 16 + 400 − 40 × 8 = 96.
    expect(svg).toContain('<circle cx="138" cy="96" r="5" fill="#b3261e"');
    // Two points plotted; coordination lacks importance.
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });

  it('is an image with a title and a description naming each quadrant’s functions, in the reader’s language', async () => {
    const en = await render('en', SAMPLE);
    expect(en).toMatch(
      /<svg class="ipa-plot" viewBox="0 0 474 468" width="100%" role="img" aria-labelledby="ipa-test-title ipa-test-desc">/,
    );
    expect(en).toContain(`<title id="ipa-test-title">${html(MESSAGES.en.ipa.title)}</title>`);
    expect(en).toContain('(40–90)');
    expect(en).toContain('grand means (satisfaction 60.0, importance 70.0)');
    expect(en).toContain(
      'Concentrate here: Overall planning. Possible overkill: Supervision &amp; &lt;management&gt;. Not plotted, too few answers: Organisation and coordination.',
    );
    const zh = await render('zh', SAMPLE);
    expect(zh).toContain('重点改进：总体规划。可能过度：监督管理。回答不足、未标出：组织协调。');
    for (const q of ['重点改进', '继续保持', '次要改进', '可能过度']) expect(zh).toContain(`>${q}</text>`);
    expect(zh).toContain('>总体规划</text>');
  });

  it('gives the same numbers in a table with a caption and scoped headers, where to act first', async () => {
    const svg = await render('zh', SAMPLE);
    expect(svg).toContain('<caption id="ipa-test-table-caption" class="visually-hidden">IPA 示例</caption>');
    expect(svg.match(/<th scope="col"/g)).toHaveLength(7);
    const rows = [...svg.matchAll(/<tr data-function="([a-z_]+)"[^>]*>(.*?)<\/tr>/g)].map((m) => [
      m[1],
      m[2]!.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|'),
    ]);
    expect(rows).toEqual([
      ['planning', '|总体规划|80.0|75.0 – 85.0|50.0|45.0 – 55.0|30.0|重点改进|'],
      ['supervision', '|监督管理|60.0|55.0 – 65.0|70.0|65.0 – 75.0|-10.0|可能过度|'],
      ['coordination', '|组织协调|—|—|65.0|60.0 – 70.0|—|—|'],
    ]);
    expect(svg).toMatch(/<tfoot><tr><th scope="row">总均值<\/th><td class="num">70.0<\/td><td><\/td><td class="num">60.0<\/td>/);
  });

  it('says so instead of drawing when no function has both estimates', async () => {
    const out = await render('en', [SAMPLE[2]!]);
    expect(out).not.toContain('<svg');
    expect(out).toContain(MESSAGES.en.ipa.noData);
  });

  it('keeps the whole scale when the answers span it', () => {
    const wide = importancePerformance([
      {
        function: 'a',
        label: { zh: '甲', en: 'A' },
        importance: { n: 10, mean: 98, ci_low: 90, ci_high: 100 },
        satisfaction: { n: 10, mean: 3, ci_low: 0, ci_high: 9 },
      },
    ]);
    expect(ipaRange(wide)).toEqual([0, 100]);
    const narrow = importancePerformance([
      {
        function: 'a',
        label: { zh: '甲', en: 'A' },
        importance: { n: 10, mean: 63, ci_low: 62, ci_high: 64 },
        satisfaction: { n: 10, mean: 62, ci_low: 61, ci_high: 63 },
      },
    ]);
    expect(ipaRange(narrow)).toEqual([50, 70]);
  });
});
