import type { Lang, Messages } from './i18n/index.ts';

/** What every page needs to render: the language, its strings and the current URL. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  url: URL;
}

/** The current URL with some query parameters replaced or removed. */
export function withQuery(url: URL, changes: Record<string, string | null | undefined>): string {
  const next = new URL(url);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.searchParams.delete(key);
    else next.searchParams.set(key, value);
  }
  return `${next.pathname}${next.search}`;
}
