import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { waveWindow } from '../../web/components/satisfaction.tsx';
import { fmt, type Lang, MESSAGES } from '../../web/i18n/index.ts';
import worker from '../../worker/index.ts';
import { USCC_ALPHABET, usccCheckCharacter } from '../../worker/lib/uscc.ts';
import { SurveySchema } from '../../worker/schemas/surveys.ts';
import { enterpriseCode, fullAnswers, getParsed, newKey } from '../helpers.ts';
import { addWave, closeWave, escaped, page, textOf, townAt } from './site-helpers.ts';

/**
 * The enterprise questionnaire on the site (issue 12): it asks for the enterprise's unified social credit code,
 * says why and that it is never stored, and answers a wrong code, a second answer and a closed survey in words
 * the respondent can act on, with and without JavaScript (this file: the form as posted without it).
 */

const responses = async () =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE wave_id LIKE 'enterprise-%'").first<number>('n')) ?? 0;

let ip = 0;
async function postForm(survey: string, town: string, fields: Record<string, string>, lang: Lang = 'zh'): Promise<Response> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(await fullAnswers(survey)))
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, String(v));
  form.set('consent_participation', 'yes');
  form.set('idempotency_key', newKey());
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return worker.fetch(
    new Request(`https://example.test/survey/${survey}/${town}?lang=${lang}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://example.test',
        'Sec-Fetch-Site': 'same-origin',
        'CF-Connecting-IP': `203.0.113.${(ip++ % 250) + 1}`,
      },
      body: form,
    }),
    env,
  );
}

/** The error shown beside a field, or null when it is hidden. */
function fieldError(html: string, name: string): string | null {
  const match = new RegExp(`<p class="error" id="err-${name}"( hidden="")?>([^<]*)</p>`).exec(html);
  return match && !match[1] ? match[2]! : null;
}

/** The notice about the whole submission. */
const notice = (html: string) => /<p class="notice" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? null;

/** A code whose check character is wrong: the valid one with its 18th character replaced. */
function wrongCheck(code: string): string {
  const right = usccCheckCharacter(code.slice(0, 17));
  return code.slice(0, 17) + USCC_ALPHABET[(USCC_ALPHABET.indexOf(right) + 1) % 31];
}

describe('the enterprise questionnaire asks for the unified social credit code', () => {
  it.each(['zh', 'en'] as const)(
    "%s: a labelled, required field with a hint that it is checked, used only for one answer per enterprise and wave, never stored (linked to the privacy notice); and the wave's name",
    async (lang) => {
      const t = MESSAGES[lang];
      const town = await townAt(50);
      const html = await page(`/survey/enterprise?town=${town}&lang=${lang}`);
      const term = lang === 'zh' ? '' : ` (<span lang="zh-CN">${MESSAGES.zh.survey.codeLabel}</span>)`;
      expect(html).toContain(
        `<label for="f-enterprise_code">${escaped(t.survey.codeLabel)}${term} <span class="req">${escaped(t.survey.required)}</span></label>`,
      );
      expect(html).toMatch(
        /<input id="f-enterprise_code" class="code-input" name="enterprise_code" value="" maxlength="40" autocomplete="off"[^>]* aria-required="true" aria-describedby="hint-enterprise_code err-enterprise_code"\/>/,
      );
      expect(html).toMatch(
        /<div class="question" id="q-enterprise_code" data-question="enterprise_code" data-type="code" data-required="true">/,
      );
      const hint = /<p class="muted small" id="hint-enterprise_code">([\s\S]*?)<\/p>/.exec(html)![1]!;
      expect(textOf(hint)).toContain(t.survey.codeHint);
      expect(hint).toContain(`<a href="/data#privacy-enterprise">${escaped(t.survey.codePrivacy)}</a>`);
      // The link leads to the notice that says exactly what is kept.
      expect(await page(`/data?lang=${lang}`)).toContain(`<h3 id="privacy-enterprise">${escaped(t.data.privacyEnterprise)}</h3>`);
      // The wave it is for, by name, with its window in Beijing time.
      const { body: survey } = await getParsed(SurveySchema, '/api/v1/surveys/enterprise');
      expect(textOf(html)).toContain(
        fmt(t.survey.wave, {
          wave: survey.wave!.name[lang],
          window: waveWindow({ lang, t, url: new URL('https://example.test') }, survey.wave!),
        }),
      );
      // survey.js is told what to say for a wrong code and for a second answer.
      expect(html).toContain(`data-msg-code="${escaped(t.survey.errorCode)}"`);
      expect(html).toContain(`data-msg-answered="${escaped(t.survey.alreadyAnswered)}"`);
    },
  );

  it('the public questionnaire does not ask for it', async () => {
    const html = await page(`/survey/public?town=${await townAt(50)}`);
    expect(html).not.toContain('enterprise_code');
    expect(html).not.toContain(MESSAGES.zh.survey.codeLabel);
    expect(html).not.toContain('data-msg-code');
  });
});

describe('the form without JavaScript', () => {
  it('stores an answer with a valid code (full-width or lower case too) and sends the browser to its receipt', async () => {
    const before = await responses();
    const res = await postForm('enterprise', await townAt(51), { enterprise_code: enterpriseCode() });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toMatch(/^\/survey\/thanks\?receipt=r-/);
    const fullWidth = [...enterpriseCode().toLowerCase()].map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).join('');
    expect((await postForm('enterprise', await townAt(51), { enterprise_code: ` ${fullWidth} ` })).status).toBe(303);
    expect(await responses()).toBe(before + 2);
  });

  it.each(['zh', 'en'] as const)(
    '%s: refuses a code with a wrong check character (400) beside the field, keeps what was typed, and stores nothing',
    async (lang) => {
      const t = MESSAGES[lang];
      const before = await responses();
      const wrong = wrongCheck(enterpriseCode());
      const res = await postForm('enterprise', await townAt(52), { enterprise_code: wrong }, lang);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(fieldError(html, 'enterprise_code')).toBe(escaped(t.survey.errorCode));
      expect(html).toContain('<div class="question has-error" id="q-enterprise_code"');
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain(`value="${wrong}"`);
      expect(html).toContain('href="#q-enterprise_code"');
      expect(notice(html)).toBeNull();
      expect(await responses()).toBe(before);
    },
  );

  it('refuses a missing code beside the field as a required answer', async () => {
    const before = await responses();
    const res = await postForm('enterprise', await townAt(52), { enterprise_code: '  ' });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'enterprise_code')).toBe(MESSAGES.zh.survey.errorRequired);
    expect(await responses()).toBe(before);
  });

  it.each(['zh', 'en'] as const)(
    '%s: a second answer with the same code for the same town is a 409 with a clear notice; for another town it is stored',
    async (lang) => {
      const t = MESSAGES[lang];
      const code = enterpriseCode();
      const town = await townAt(53);
      expect((await postForm('enterprise', town, { enterprise_code: code }, lang)).status).toBe(303);
      const before = await responses();
      // The same enterprise typed in lower case is the same enterprise.
      const res = await postForm('enterprise', town, { enterprise_code: code.toLowerCase() }, lang);
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(notice(html)).toBe(escaped(t.survey.alreadyAnswered));
      expect(fieldError(html, 'enterprise_code')).toBeNull();
      expect(await responses()).toBe(before);
      expect((await postForm('enterprise', await townAt(54), { enterprise_code: code }, lang)).status).toBe(303);
    },
  );

  it('a public form that sends a code anyway is not refused for it: the public questionnaire takes none', async () => {
    const res = await postForm('public', await townAt(55), { enterprise_code: enterpriseCode() });
    expect(res.status).toBe(303);
  });

  // Last: it closes the enterprise survey's open wave (storage is per file).
  it.each(['zh', 'en'] as const)(
    '%s: once the wave has closed, the form says so and when the next wave opens (Beijing time), on the page and after a post',
    async (lang) => {
      const t = MESSAGES[lang];
      const town = await townAt(56);
      if (lang === 'zh') {
        await closeWave('enterprise', 'enterprise-w2');
        // 2027-03-01T00:00Z is 08:00 on 1 March in Beijing.
        await addWave('enterprise', {
          id: 'enterprise-w3',
          name: { zh: '第三轮（2027年）', en: 'Wave 3 (2027)' },
          opens_at: '2027-03-01T00:00:00Z',
          closes_at: null,
          publication: 'after_close',
        });
      }
      const expected =
        lang === 'zh'
          ? '本问卷目前不接受回答。下一轮（第三轮（2027年））将于2027年3月1日 08:00（北京时间）开放。'
          : 'This survey is not accepting answers at the moment. The next wave (Wave 3 (2027)) opens on 1 Mar 2027, 08:00 Beijing time.';
      expect(
        fmt(t.survey.closedNext, {
          wave: lang === 'zh' ? '第三轮（2027年）' : 'Wave 3 (2027)',
          opens: lang === 'zh' ? '2027年3月1日 08:00（北京时间）' : '1 Mar 2027, 08:00 Beijing time',
        }),
      ).toBe(expected);
      const form = await page(`/survey/enterprise?town=${town}&lang=${lang}`);
      expect(form).not.toContain('<form');
      expect(textOf(form)).toContain(expected);
      const before = await responses();
      const res = await postForm('enterprise', town, { enterprise_code: enterpriseCode() }, lang);
      expect(res.status).toBe(409);
      expect(notice(await res.text())).toBe(escaped(expected));
      expect(await responses()).toBe(before);
    },
  );
});
