import { describe, expect, it } from 'vitest';
import { en } from '../../web/i18n/en.ts';
import { zh } from '../../web/i18n/zh.ts';
import { get } from '../helpers.ts';

/** The page's text without tags, with the entities the renderer escapes decoded. */
async function pageText(path: string): Promise<string> {
  const res = await get(path);
  expect(res.status).toBe(200);
  return (await res.text())
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// Issue 12: the privacy notice says exactly what is kept of an enterprise's answer and for the duplicate signal,
// and how long a day's salt lives; these are promises, so a test keeps them on the page in both languages.
describe('the privacy notice on /data', () => {
  it('zh: the code is never stored, only a keyed hash per wave with no link to the response, and the secret can be destroyed', async () => {
    const text = await pageText('/data?lang=zh');
    for (const part of [
      zh.data.privacyText,
      zh.data.privacyKept,
      zh.data.privacyEnterprise,
      ...zh.data.privacyEnterpriseList,
      zh.data.privacyPublic,
      zh.data.privacyPublicText,
      zh.data.privacySalts,
      zh.data.privacySaltsText,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/从不保存，不写入日志/);
    expect(text).toMatch(/HMAC-SHA-256.*没有回答编号，没有时间，也没有先后顺序/);
    expect(text).toMatch(/可以销毁该轮的密钥.*任何人（包括本站）都无法再拿任何代码去比对/);
    expect(text).toMatch(/疑似重复.*结果不计入这些回答，并在结果旁给出被排除的比例/);
    expect(text).toMatch(/最迟在当天结束后一小时内删除/);
    // The old promise that the network key is "not stored" is now stated precisely, not dropped.
    expect(text).toMatch(/IP 地址从不保存/);
  });

  it('en says the same', async () => {
    const text = await pageText('/data?lang=en');
    for (const part of [
      en.data.privacyText,
      en.data.privacyKept,
      en.data.privacyEnterprise,
      ...en.data.privacyEnterpriseList,
      en.data.privacyPublic,
      en.data.privacyPublicText,
      en.data.privacySalts,
      en.data.privacySaltsText,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/never stored, never logged/);
    expect(text).toMatch(/no response id, no time and no order/);
    expect(text).toMatch(/secret can be destroyed.*nobody \(this site included\) can test any code/);
    expect(text).toMatch(/probable duplicate.*show the share left out/);
    expect(text).toMatch(/within an hour after the day ends/);
  });

  it('has a heading for each part, under the privacy heading', async () => {
    const html = await (await get('/data?lang=en')).text();
    const headings = [...html.matchAll(/<h([23]) id="(privacy[^"]*)"/g)].map((m) => `h${m[1]} ${m[2]}`);
    expect(headings).toEqual(['h2 privacy', 'h3 privacy-enterprise', 'h3 privacy-public', 'h3 privacy-salts', 'h3 privacy-suggestions']);
  });
});
