import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fmt, MESSAGES } from '../../web/i18n/index.ts';
import { config } from '../../worker/config.ts';
import { GroupedSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import { getJson } from '../helpers.ts';
import { addWave, answer, closeWave, element, escaped, page, textOf, townAt } from './site-helpers.ts';

/**
 * The statistics page's satisfaction (issue 12): for each survey, the national (group `all`) published
 * score of each dimension in each wave, drawn as an accessible SVG with the same numbers in a table, and
 * the national IPA of the latest published enterprise wave that has one. Expected figures come from the API.
 */

const one = (v: number) => v.toFixed(1);

async function national() {
  const { res, body } = await getJson('/api/v1/satisfaction?group_by=all', { 'Cache-Control': 'no-cache' });
  expect(res.status).toBe(200);
  return GroupedSatisfactionSchema.parse(body).groups.find((g) => g.key === 'all')?.surveys ?? [];
}

/** The trend figure of one survey on the page. */
const trend = (html: string, survey: string) => element(html, 'figure', 'aria-labelledby', `trend-${survey}-caption`)!;

describe('/stats: satisfaction across waves', () => {
  it('before anything is published: each survey says so, and there is no IPA yet', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      const html = await page(`/stats?lang=${lang}`);
      for (const survey of ['public', 'enterprise']) {
        const figure = trend(html, survey);
        expect(textOf(figure)).toContain(fmt(t.stats.trendCaption, { survey: t.results.surveys[survey as 'public'] }));
        expect(textOf(figure)).toContain(t.stats.trendNoResults);
      }
      expect(textOf(html)).toContain(t.stats.ipaNone);
      expect(html).not.toContain('id="ipa-national');
    }
  });

  it("draws each dimension's national score per wave (an image with a title and a description) with the same numbers in a table", async () => {
    // Two towns published live (10 responses each): the national result is their sum.
    for (const town of [await townAt(40), await townAt(41)])
      for (let i = 0; i < 10; i++) await answer('public', town, { overall: 2 + (i % 4), env_clean: 1 + (i % 5) });
    const results = (await national()).filter((s) => s.survey_id === 'public');
    const w1 = results.find((s) => s.wave_id === 'public-w1')!;
    expect(w1).toMatchObject({ published: true, suppressed: false, responses: 20 });
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      const figure = trend(await page(`/stats?lang=${lang}`), 'public');
      const name = t.results.surveys.public;
      expect(figure).toMatch(/<svg class="trend-plot"[^>]* role="img" aria-labelledby="trend-public-title trend-public-desc"/);
      expect(figure).toContain(`<title id="trend-public-title">${escaped(fmt(t.stats.trendTitle, { survey: name }))}</title>`);
      const desc = /<desc id="trend-public-desc">([^<]*)<\/desc>/.exec(figure)![1]!;
      expect(desc).toContain(escaped(w1.wave.name[lang]));
      // One column per wave that has opened, with its status; one row per dimension with the API's score and interval.
      expect(textOf(figure)).toContain(fmt(t.stats.waveHeader, { wave: w1.wave.name[lang], status: t.results.status[w1.wave.status] }));
      for (const d of w1.dimensions) {
        const row = element(figure, 'tr', 'data-dimension', d.dimension)!;
        expect(textOf(row)).toContain(d.label[lang]);
        expect(row).toContain(`data-wave="public-w1" data-score="${d.score}"`);
        expect(textOf(row)).toContain(`${one(d.score!)} (${one(d.ci_low!)} – ${one(d.ci_high!)})`);
      }
      // Every row of the table is drawn: a mark per score.
      expect((figure.match(/<circle /g) ?? []).length).toBe(1 + w1.dimensions.filter((d) => d.score !== null).length);
      // The enterprise waves have no figures yet: each is named once with the reason, none is a column.
      const enterprise = trend(await page(`/stats?lang=${lang}`), 'enterprise');
      const note = (wave: string) => textOf(element(enterprise, 'li', 'data-wave', wave) ?? '').trim();
      const [w2, ew1] = (await national()).filter((s) => s.survey_id === 'enterprise');
      expect(w2).toMatchObject({ wave_id: 'enterprise-w2', published: false });
      expect(ew1).toMatchObject({ wave_id: 'enterprise-w1', published: true, suppressed: true });
      expect(note('enterprise-w2')).toBe(
        fmt(t.stats.trendWithheld, { wave: w2!.wave.name[lang], status: t.results.status.open, reason: t.results.notPublishedNoEnd }),
      );
      expect(note('enterprise-w1')).toBe(
        fmt(t.stats.trendWithheld, {
          wave: ew1!.wave.name[lang],
          status: t.results.status.closed,
          reason: fmt(t.results.suppressed, { min: config(env).minSample }),
        }),
      );
      expect(enterprise).toContain(t.stats.trendNoResults);
      expect(enterprise).not.toContain('<table');
    }
  });

  it('shows the national IPA of the latest published enterprise wave that has one, as the API computes it; the wave before it says why it has no figures', async () => {
    for (const town of [await townAt(42), await townAt(43)]) {
      for (let i = 0; i < 10; i++)
        await answer('enterprise', town, {
          plan_importance: 5,
          plan_satisfaction: 1 + (i % 3),
          sup_importance: 2,
          sup_satisfaction: 4 + (i % 2),
          coo_importance: 3 + (i % 2),
        });
    }
    await closeWave('enterprise', 'enterprise-w2');
    const results = (await national()).filter((s) => s.survey_id === 'enterprise');
    const w2 = results.find((s) => s.wave_id === 'enterprise-w2')!;
    expect(w2).toMatchObject({ published: true, suppressed: false, responses: 20 });
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      const html = await page(`/stats?lang=${lang}`);
      const ipa = element(html, 'figure', 'aria-labelledby', 'ipa-national-caption')!;
      expect(textOf(ipa)).toContain(fmt(t.stats.ipaCaption, { wave: w2.wave.name[lang] }));
      const rows = [...ipa.matchAll(/<tr data-function="([^"]+)"(?: data-quadrant="([^"]+)")?>([\s\S]*?)<\/tr>/g)];
      expect(rows.map((m) => [m[1], m[2]])).toEqual(w2.ipa!.functions.map((f) => [f.function, f.quadrant ?? undefined]));
      for (const [i, f] of w2.ipa!.functions.entries()) if (f.gap !== null) expect(textOf(rows[i]![3]!)).toContain(one(f.gap));
      expect(textOf(html)).toContain(t.results.ipaExplain);
      // The first enterprise wave closed with no responses: no column, and a note says the figures are withheld.
      const figure = trend(html, 'enterprise');
      const w1 = results.find((s) => s.wave_id === 'enterprise-w1')!;
      expect(w1).toMatchObject({ published: true, suppressed: true });
      expect(figure).not.toContain('<th scope="col" data-wave="enterprise-w1"');
      expect(textOf(element(figure, 'li', 'data-wave', 'enterprise-w1')!).trim()).toBe(
        fmt(t.stats.trendWithheld, {
          wave: w1.wave.name[lang],
          status: t.results.status.closed,
          reason: fmt(t.results.suppressed, { min: config(env).minSample }),
        }),
      );
    }

    // A later wave that has closed with its own analysis takes its place; one still open would not.
    const opens = new Date().toISOString();
    await addWave('enterprise', {
      id: 'enterprise-w3',
      name: { zh: '第三轮（测试）', en: 'Wave 3 (test)' },
      opens_at: opens,
      closes_at: null,
      publication: 'after_close',
    });
    const secrets = { 'enterprise-w3': 'a-test-secret-of-the-third-wave-only-0123456789' };
    for (let i = 0; i < 10; i++)
      await answer('enterprise', await townAt(42), { sup_importance: 5, sup_satisfaction: 1 + (i % 2) }, undefined, secrets);
    expect(textOf(await page('/stats?lang=en'))).toContain(fmt(MESSAGES.en.stats.ipaCaption, { wave: w2.wave.name.en }));
    await closeWave('enterprise', 'enterprise-w3');
    const w3 = (await national()).find((s) => s.wave_id === 'enterprise-w3')!;
    expect(w3.ipa?.grand_means).toBeTruthy();
    const ipa = element(await page('/stats?lang=en'), 'figure', 'aria-labelledby', 'ipa-national-caption')!;
    expect(textOf(ipa)).toContain(fmt(MESSAGES.en.stats.ipaCaption, { wave: w3.wave.name.en }));
    expect([...ipa.matchAll(/<tr data-function="([^"]+)"/g)].map((m) => m[1])).toEqual(w3.ipa!.functions.map((f) => f.function));
  });

  // Last: it closes the public survey's first wave (storage is per file).
  it('a second wave beside the first: both scores, and the change said in words', async () => {
    const town = await townAt(44);
    for (let i = 0; i < 10; i++) await answer('public', town, { overall: 1 + (i % 2) });
    const now = new Date().toISOString();
    await closeWave('public', 'public-w1', now);
    await addWave('public', {
      id: 'public-w2',
      name: { zh: '第二轮（测试）', en: 'Wave 2 (test)' },
      opens_at: now,
      closes_at: null,
      publication: 'live_in_steps',
    });
    for (let i = 0; i < 10; i++) await answer('public', town, { overall: 4 + (i % 2) });
    const results = (await national()).filter((s) => s.survey_id === 'public');
    const w2 = results.find((s) => s.wave_id === 'public-w2')!;
    const overall = w2.dimensions.find((d) => d.dimension === 'overall')!;
    expect(overall.beyond_ci).toBe(true);
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      const figure = trend(await page(`/stats?lang=${lang}`), 'public');
      // Oldest wave first, as a trend reads.
      expect(figure.indexOf('<th scope="col" data-wave="public-w1"')).toBeLessThan(figure.indexOf('<th scope="col" data-wave="public-w2"'));
      const row = element(figure, 'tr', 'data-dimension', 'overall')!;
      expect(row).toContain(`data-wave="public-w2" data-score="${overall.score}"`);
      expect(textOf(row)).toContain(`${t.results.change} +${one(overall.change!)} ${t.results.beyond}`);
      expect(/<desc id="trend-public-desc">([^<]*)<\/desc>/.exec(figure)![1]).toContain(
        escaped(
          fmt(t.stats.trendChanged, {
            wave: w2.wave.name[lang],
            dimensions: w2.dimensions
              .filter((d) => d.beyond_ci)
              .map((d) => d.label[lang])
              .join(t.ipa.listSeparator),
          }).trim(),
        ),
      );
    }
  });
});
