/**
 * Code points XML 1.0 forbids anywhere in a document (everything outside
 * #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]),
 * lone surrogates included: with the `u` flag a lone surrogate is one code point
 * of its own, outside every allowed range. Escaping cannot make them legal
 * (`&#1;` is forbidden too), so they are dropped.
 */
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for XML content or a quoted attribute: forbidden characters dropped, markup characters escaped. */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
