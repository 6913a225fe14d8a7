import type { Lang } from '../i18n/index.ts';

/**
 * A note of the data in the page's language. Notes are written in English with a
 * Chinese translation where one exists; when the page's language has none, the
 * other one is shown and marked with its `lang`, so that screen readers and
 * translation tools read it in the right language (WCAG 3.1.2).
 */
export function pickNote(lang: Lang, note: string | null, noteZh: string | null): { text: string; lang?: 'en' | 'zh-CN' } | null {
  const own = lang === 'zh' ? noteZh : note;
  if (own) return { text: own };
  const other = lang === 'zh' ? note : noteZh;
  return other ? { text: other, lang: lang === 'zh' ? 'en' : 'zh-CN' } : null;
}

export function LocalizedNote({
  lang,
  note,
  noteZh,
  as = 'p',
  class: className,
}: {
  lang: Lang;
  note: string | null;
  noteZh: string | null;
  as?: 'p' | 'dd' | 'span';
  class?: string;
}) {
  const picked = pickNote(lang, note, noteZh);
  if (!picked) return null;
  const Tag = as;
  return (
    <Tag class={className} lang={picked.lang}>
      {picked.text}
    </Tag>
  );
}
