import { en } from './en.ts';
import { zh } from './zh.ts';

/** The shape of zh with every text widened to string: what each translation must provide. */
export type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
export type Messages = Widen<typeof zh>;
export type Lang = 'zh' | 'en';

export const MESSAGES: Record<Lang, Messages> = { zh, en };

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/**
 * The language of a request: `?lang=`, then the cookie set by the switcher,
 * then Accept-Language; Chinese when nothing says otherwise.
 */
export function pickLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  for (const candidate of [query, cookie]) if (candidate === 'zh' || candidate === 'en') return candidate;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const p of preferred) {
    if (p.tag.startsWith('zh')) return 'zh';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'zh';
}
