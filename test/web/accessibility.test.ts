import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../web/i18n/index.ts';
import { AccessibilityPage } from '../../web/pages/accessibility.tsx';
import { escaped, page, textOf } from './site-helpers.ts';

const render = (contact: string, lang: 'zh' | 'en' = 'en') =>
  String(AccessibilityPage({ ctx: { lang, t: MESSAGES[lang], url: new URL('https://example.test/accessibility') }, contact }));

describe('the accessibility statement', () => {
  it.each(['zh', 'en'] as const)('in %s names the standards, the tests, the known limits and how to report a barrier', async (lang) => {
    const html = await page(`/accessibility?lang=${lang}`);
    const a = MESSAGES[lang].accessibility;
    expect(html).toContain(`<h1>${escaped(a.title)}</h1>`);
    const text = textOf(html);
    expect(text).toContain('WCAG');
    expect(text).toContain('2.1');
    expect(text).toContain('GB/T 37668-2019');
    for (const item of [...a.testing, ...a.limits]) expect(html).toContain(escaped(item));
    // No contact is configured in the tests: the page says so rather than inventing one.
    expect(html).toContain(escaped(a.reportNone));
    expect(await page(`/?lang=${lang}`)).toContain(`href="/accessibility">${escaped(MESSAGES[lang].footer.accessibility)}</a>`);
  });

  it('links a configured e-mail address or https page, and shows anything else as plain text', () => {
    expect(render('a11y@example.org')).toContain('<a href="mailto:a11y@example.org">a11y@example.org</a>');
    expect(render('https://example.org/feedback')).toContain('<a href="https://example.org/feedback">');
    const hostile = render('javascript:alert(1)');
    expect(hostile).not.toContain('href="javascript:');
    expect(hostile).toContain('javascript:alert(1)');
    expect(render('"><script>x</script>')).not.toContain('<script>x');
  });
});
