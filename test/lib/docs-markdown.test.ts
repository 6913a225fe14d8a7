import { describe, expect, it } from 'vitest';
import { markdownBlock, markdownInline } from '../../worker/docs/markdown.ts';

/** The tags a rendered text contains, by name: only the subset's may appear. */
const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);

describe('the Markdown subset of /docs', () => {
  it('renders code, bold, links and paragraphs as the descriptions use them', () => {
    expect(markdownInline('Follow `next_cursor` or the `Link` header.')).toBe(
      'Follow <code>next_cursor</code> or the <code>Link</code> header.',
    );
    expect(markdownInline('**Note**: see [the data](/data) or [CC BY](https://creativecommons.org/licenses/by/4.0/).')).toBe(
      '<strong>Note</strong>: see <a href="/data">the data</a> or <a href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>.',
    );
    expect(markdownBlock('One `a`.\n\nTwo\nlines.\n  \n\nThree.')).toBe('<p>One <code>a</code>.</p><p>Two\nlines.</p><p>Three.</p>');
    expect(markdownBlock('')).toBe('');
  });

  it('keeps the inside of a code span literal', () => {
    expect(markdownInline('`**not bold** [x](/y)`')).toBe('<code>**not bold** [x](/y)</code>');
    expect(markdownInline('SHA256SUMS: one `<sha256>  <file>` line')).toBe(
      'SHA256SUMS: one <code>&lt;sha256&gt;  &lt;file&gt;</code> line',
    );
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '`</code><script>alert(1)</script>`',
    '**<svg onload=alert(1)>**',
    '[<b onclick=alert(1)>x</b>](/ok)',
    '[x](/ok"onmouseover="alert(1))',
    "[x](/ok'onmouseover='alert(1))",
    '<!-- comment --> &lt;already&gt; &amp;',
  ])('never lets markup through: %s', (hostile) => {
    const html = markdownBlock(hostile);
    expect(
      tags(html).every((t) => ['p', 'code', 'strong', 'a'].includes(t)),
      html,
    ).toBe(true);
    expect(html).not.toMatch(/<(script|img|svg|b|!--)/i);
    // Any quote is escaped, so no attribute is ever added to the one tag that has any.
    expect(html.match(/<a [^>]*>/g)?.every((a) => /^<a href="[^"]*">$/.test(a)) ?? true, html).toBe(true);
  });

  it('escapes what it does not render, so the text reads as written', () => {
    expect(markdownInline('<b>&amp; "q" \'s\'')).toBe('&lt;b&gt;&amp;amp; &quot;q&quot; &#39;s&#39;');
    expect(markdownInline('a * b ** c ` d [e] (f)')).toBe('a * b ** c ` d [e] (f)');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    '//evil.example/',
    '/\\evil.example/',
    'https:/\\evil.example',
    'https:///evil.example',
    'ftp://example.org/',
    'java&#115;cript:alert(1)',
    '&#106;avascript:alert(1)',
  ])('links only to http(s) or this site, never to %s', (url) => {
    const html = markdownInline(`[click](${url})`);
    expect(hrefs(html)).toEqual([]);
    expect(html).toContain('[click]');
  });

  it('accepts the URLs a description may name and keeps them escaped', () => {
    expect(
      hrefs(markdownInline('[a](https://example.org/?a=1&b=2) [b](/api/v1/towns?q=x) [c](#top) [d](../data) [e](http://example.org)')),
    ).toEqual(['https://example.org/?a=1&amp;b=2', '/api/v1/towns?q=x', '#top', '../data', 'http://example.org']);
  });

  it('never nests a link in a link and stays linear on long hostile input', () => {
    expect(hrefs(markdownInline('[[inner](/a)](/b)')).length).toBeLessThanOrEqual(1);
    const long = `${'**'.repeat(50_000) + '`'.repeat(50_000) + '['.repeat(50_000)}](${'(x'.repeat(50_000)}`;
    const started = Date.now();
    markdownBlock(long);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
