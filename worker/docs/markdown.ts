/**
 * The small Markdown subset the OpenAPI descriptions use, as HTML for /docs:
 * `code`, **bold**, [text](url) links and paragraphs (a blank line). The text
 * is escaped first and tags are only added around whole tokens, so no markup
 * in a description ever reaches the page as markup, and a link's URL must be
 * http(s) or relative (never `javascript:`, `data:` or a protocol-relative `//host`).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

// One pass over the escaped text: a code span, a bold span or a link, whichever comes first.
// Escaping leaves ` * [ ] ( ) untouched, so the tokens are found as the author wrote them.
// Bounded lengths keep the scan linear whatever the text (an unclosed `[` never reads to the end).
const TOKEN = /`([^`]{1,400})`|\*\*([^*]{1,400}?)\*\*|\[([^\]]{1,400})\]\(([^()\s]{1,2000})\)/g;

/** http(s), or relative to this site: `/path` (not `//host` nor `/\host`, which browsers read as another host), `./`, `../`, `#`. */
const SAFE_URL = /^(?:https?:\/\/[^/\\]|\/(?![/\\])|\.\.?\/|#)/i;

function inline(escaped: string, links: boolean): string {
  return escaped.replace(TOKEN, (_whole, code?: string, bold?: string, label?: string, url?: string) => {
    if (code !== undefined) return `<code>${code}</code>`;
    if (bold !== undefined) return `<strong>${inline(bold, links)}</strong>`;
    // A link inside a link, or to an unsafe URL, stays the text it was.
    if (!links || !SAFE_URL.test(url!)) return `${inline(`[${label}]`, links)}(${url})`;
    return `<a href="${url}">${inline(label!, false)}</a>`;
  });
}

/** One line of text (a summary, a table cell): inline Markdown, no paragraphs. */
export function markdownInline(text: string): string {
  return inline(escapeHtml(text), true);
}

/** A description: paragraphs separated by blank lines, each with inline Markdown. */
export function markdownBlock(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${markdownInline(p)}</p>`)
    .join('');
}
