import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fmt, MESSAGES } from '../../web/i18n/index.ts';
import { config } from '../../worker/config.ts';
import { escaped, page, textOf } from './site-helpers.ts';

// Issue 12: the data page says in a few lines how waves work and what is published, and where the rules are spelled out.
describe('/data: waves and the publication rules', () => {
  it.each(['zh', 'en'] as const)(
    "%s: a paragraph with this deployment's minimum sample, linked to the methodology, beside the privacy notice",
    async (lang) => {
      const t = MESSAGES[lang];
      const html = await page(`/data?lang=${lang}`);
      expect(html).toContain(`<h2 id="waves">${escaped(t.data.waves)}</h2>`);
      const text = textOf(html);
      expect(text).toContain(fmt(t.data.wavesText, { min: config(env).minSample }));
      expect(text).toContain(lang === 'zh' ? `不少于 ${config(env).minSample} 份` : `only from ${config(env).minSample} responses`);
      expect(html).toContain(`<a href="/methodology#publication">${escaped(t.data.wavesMethodology)}</a>`);
      // The methodology's section it links to exists.
      expect(await page(`/methodology?lang=${lang}`)).toContain('id="publication"');
      // The privacy notice is still there, after it.
      expect(html.indexOf('id="waves"')).toBeLessThan(html.indexOf('<h2 id="privacy">'));
    },
  );
});
