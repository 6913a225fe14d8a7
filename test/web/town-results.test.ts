import { describe, expect, it } from 'vitest';
import { fmt, MESSAGES } from '../../web/i18n/index.ts';
import { TownSatisfactionSchema } from '../../worker/schemas/satisfaction.ts';
import { getJson } from '../helpers.ts';
import { addWave, answer, closeWave, element, escaped, page, textOf, townAt } from './site-helpers.ts';

/**
 * The town page shows each survey's waves as the API publishes them (issue 12): what a wave publishes
 * and when, the scores with their intervals beside the previous wave, the warnings, NPS and the IPA.
 * Every figure expected here is read from the API, so the page is checked against the service, not
 * against numbers written into the test.
 */

const zh = MESSAGES.zh;
const en = MESSAGES.en;
const one = (v: number) => v.toFixed(1);

async function results(town: string) {
  const { res, body } = await getJson(`/api/v1/towns/${town}/satisfaction`, { 'Cache-Control': 'no-cache' });
  expect(res.status).toBe(200);
  return TownSatisfactionSchema.parse(body);
}

/** The block of one wave on the town page. */
function block(html: string, wave: string): string {
  const found = element(html, 'section', 'data-wave', wave);
  expect(found, `the block of ${wave}`).not.toBeNull();
  return found!;
}

describe('the town page, per wave', () => {
  it('lists every wave that has opened, newest first within each survey, with its name, status and window in Beijing time', async () => {
    const town = await townAt(30);
    const api = await results(town);
    const html = await page(`/towns/${town}?lang=zh`);
    const shown = [
      ...html.matchAll(/<section class="satisfaction"[^>]*data-survey="([^"]+)" data-wave="([^"]+)"[^>]*data-responses="(\d+)"/g),
    ].map((m) => [m[1], m[2], Number(m[3])]);
    expect(shown).toEqual(api.surveys.map((s) => [s.survey_id, s.wave_id, s.responses]));
    for (const s of api.surveys) {
      const text = textOf(block(html, s.wave_id));
      expect(text).toContain(s.wave.name.zh);
      expect(text).toContain(zh.results.status[s.wave.status]);
      expect(text).toContain(zh.results.publication[s.wave.publication]);
    }
    // The local data's first enterprise wave: 2026-01-01T00:00Z to 2026-11-01T00:00Z, i.e. 08:00 Beijing time on both days.
    expect(textOf(block(html, 'enterprise-w1'))).toContain('开放时间：2026年1月1日 08:00（北京时间）至2026年11月1日 08:00（北京时间）');
    expect(textOf(block(await page(`/towns/${town}?lang=en`), 'enterprise-w1'))).toContain(
      'Open from 1 Jan 2026, 08:00 Beijing time to 1 Nov 2026, 08:00 Beijing time',
    );
  });

  it('says that a wave below the minimum publishes nothing, and that an open after_close wave publishes once it closes, and when', async () => {
    const town = await townAt(31);
    for (let i = 0; i < 9; i++) await answer('public', town);
    const api = await results(town);
    const live = api.surveys.find((s) => s.wave_id === 'public-w1')!;
    expect(live).toMatchObject({ published: true, suppressed: true });
    const html = await page(`/towns/${town}?lang=zh`);
    const below = block(html, 'public-w1');
    expect(textOf(below)).toContain(fmt(zh.results.suppressed, { min: api.min_sample }));
    expect(below).not.toContain('<table');
    expect(below).toContain('data-published="false"');

    const open = api.surveys.find((s) => s.wave_id === 'enterprise-w2')!;
    expect(open).toMatchObject({ published: false, wave: { status: 'open', closes_at: null } });
    expect(textOf(block(html, 'enterprise-w2'))).toContain(zh.results.notPublishedNoEnd);
    expect(textOf(block(await page(`/towns/${town}?lang=en`), 'enterprise-w2'))).toContain(en.results.notPublishedNoEnd);
    // Once its end is set, the page says when, in Beijing time: 16:00 UTC is midnight of the next day in Beijing.
    await closeWave('enterprise', 'enterprise-w2', '2027-01-31T16:00:00Z');
    expect(textOf(block(await page(`/towns/${town}?lang=zh`), 'enterprise-w2'))).toContain(
      '本轮结果在本轮结束后公布，本轮于2027年2月1日 00:00（北京时间）结束。',
    );
    expect(textOf(block(await page(`/towns/${town}?lang=en`), 'enterprise-w2'))).toContain(
      'This wave’s results are published once it closes, on 1 Feb 2027, 00:00 Beijing time.',
    );
  });

  it("a published wave: every dimension's score and interval as the API gives them, the small-sample warning, the duplicates left out and NPS with its shares", async () => {
    const town = await townAt(32);
    // Ten respondents from ten networks; the second network sends its answers twice (a probable duplicate, left out,
    // before the 10th counted response, so in the published state).
    for (let i = 0; i < 10; i++) {
      const answers = { overall: 1 + (i % 5), recommend: [10, 9, 8, 7, 3, 10, 9, 8, 2, 5][i]! };
      await answer('public', town, answers, `10.40.0.${i + 1}`);
      if (i === 1) await answer('public', town, answers, `10.40.0.${i + 1}`);
    }
    const api = await results(town);
    const r = api.surveys.find((s) => s.wave_id === 'public-w1')!;
    expect(r).toMatchObject({ published: true, suppressed: false, small_sample: true });
    expect(r.duplicates_excluded_percent).toBeGreaterThan(0);
    // Four promoters, three passives, three detractors: every share is published.
    expect(r.nps?.promoters_percent).not.toBeNull();
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      const html = block(await page(`/towns/${town}?lang=${lang}`), 'public-w1');
      const text = textOf(html);
      expect(html).toContain('data-published="true"');
      expect(text).toContain(fmt(t.results.responses, { n: r.responses }));
      expect(text).toContain(t.results.smallSample);
      expect(text).toContain(fmt(t.results.duplicates, { percent: r.duplicates_excluded_percent! }));
      for (const d of r.dimensions) {
        const row = textOf(element(html, 'tr', 'data-dimension', d.dimension)!);
        expect(row).toContain(d.label[lang]);
        if (d.score === null) expect(row).toContain(t.results.notPublishedDimension);
        else expect(row).toContain(`${one(d.score)} ${d.ci_low === null ? '—' : `${one(d.ci_low)} – ${one(d.ci_high!)}`}`);
      }
      // The first wave has no previous one: no empty "previous" columns.
      expect(text).not.toContain(t.results.previous);
      expect(text).toContain(fmt(t.results.nps, { score: r.nps!.score, n: r.nps!.n }));
      expect(text).toContain(
        fmt(t.results.npsShares, {
          promoters: r.nps!.promoters_percent!,
          passives: r.nps!.passives_percent!,
          detractors: r.nps!.detractors_percent!,
        }),
      );
      // No IPA for a questionnaire that asks no importance.
      expect(html).not.toContain('ipa-plot');
    }
  });

  it('an after_close wave once closed: its results with the IPA chart and table, a one-line reading of the quadrants and the link to the methodology', async () => {
    const town = await townAt(33);
    const importance = { plan_importance: 5, pol_importance: 4, coo_importance: 3, app_importance: 4, sup_importance: 2 };
    for (let i = 0; i < 12; i++)
      await answer('enterprise', town, {
        ...importance,
        plan_satisfaction: 1 + (i % 3),
        sup_satisfaction: 4 + (i % 2),
        overall: 2 + (i % 4),
      });
    await closeWave('enterprise', 'enterprise-w2');
    const r = (await results(town)).surveys.find((s) => s.wave_id === 'enterprise-w2')!;
    expect(r).toMatchObject({ published: true, suppressed: false, responses: 12 });
    expect(r.ipa?.grand_means).not.toBeNull();
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      const html = block(await page(`/towns/${town}?lang=${lang}`), 'enterprise-w2');
      expect(textOf(html)).toContain(t.results.ipaExplain);
      // No duplicate signal is kept for enterprises: the page says what keeps their answers single instead.
      expect(textOf(html)).toContain(t.results.onePerEnterprise);
      expect(html).toContain('<a href="/methodology#enterprise">');
      expect(html).not.toContain('/methodology#duplicates');
      expect(html).toContain(`<a href="/methodology#ipa">${escaped(t.results.methodology)}</a>`);
      expect(html).toMatch(/<svg class="ipa-plot"[^>]* role="img" aria-labelledby="ipa-enterprise-w2-title ipa-enterprise-w2-desc"/);
      // The table has the API's functions in its order (where to act first), each with its figures and quadrant.
      const rows = [...html.matchAll(/<tr data-function="([^"]+)"(?: data-quadrant="([^"]+)")?>([\s\S]*?)<\/tr>/g)];
      expect(rows.map((m) => m[1])).toEqual(r.ipa!.functions.map((f) => f.function));
      for (const [i, f] of r.ipa!.functions.entries()) {
        const row = textOf(rows[i]![3]!);
        expect(rows[i]![2]).toBe(f.quadrant ?? undefined);
        expect(row).toContain(f.label[lang]);
        if (f.importance) expect(row).toContain(one(f.importance.mean));
        if (f.satisfaction) expect(row).toContain(one(f.satisfaction.mean));
        if (f.gap !== null) expect(row).toContain(one(f.gap));
        if (f.quadrant) expect(row).toContain(t.ipa.quadrants[f.quadrant]);
      }
    }
  });

  // Last: it closes the public survey's first wave and opens a second (storage is per file).
  it('beside the previous wave: its score and the change, said in words when it is beyond the intervals', async () => {
    const town = await townAt(34);
    for (let i = 0; i < 10; i++) await answer('public', town, { overall: 2 + (i % 2), env_nature: 3 + (i % 2) });
    const now = new Date().toISOString();
    await closeWave('public', 'public-w1', now);
    await addWave('public', {
      id: 'public-w2',
      name: { zh: '第二轮（测试）', en: 'Wave 2 (test)' },
      opens_at: now,
      closes_at: null,
      publication: 'live_in_steps',
    });
    for (let i = 0; i < 10; i++) await answer('public', town, { overall: 4 + (i % 2), env_nature: 3 + ((i + 1) % 2) });
    const api = await results(town);
    const r = api.surveys.find((s) => s.wave_id === 'public-w2')!;
    const changed = r.dimensions.filter((d) => d.change !== null);
    expect(changed.some((d) => d.beyond_ci === true)).toBe(true);
    expect(changed.some((d) => d.beyond_ci === false)).toBe(true);
    for (const lang of ['zh', 'en'] as const) {
      const t = MESSAGES[lang];
      const html = await page(`/towns/${town}?lang=${lang}`);
      // Newest first: the second wave above the first.
      expect(html.indexOf('data-wave="public-w2"')).toBeLessThan(html.indexOf('data-wave="public-w1"'));
      const w2 = block(html, 'public-w2');
      expect(textOf(w2)).toContain(t.results.previous);
      expect(textOf(w2)).toContain(
        fmt(t.results.previousNote, { wave: api.surveys.find((s) => s.wave_id === 'public-w1')!.wave.name[lang] }),
      );
      for (const d of changed) {
        const row = element(w2, 'tr', 'data-dimension', d.dimension)!;
        const text = textOf(row);
        expect(text).toContain(one(d.previous!.score));
        const change = d.change! > 0 ? `+${one(d.change!)}` : d.change! < 0 ? `−${one(-d.change!)}` : one(d.change!);
        // In words, not by colour alone.
        expect(text).toContain(`${change} ${d.beyond_ci ? t.results.beyond : t.results.within}`);
        expect(row).toContain(`data-beyond-ci="${d.beyond_ci}"`);
      }
    }
  });
});
