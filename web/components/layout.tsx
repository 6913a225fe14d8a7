import type { Child } from 'hono/jsx';
import { type PageContext, withQuery } from '../context.ts';
import { JsonLd } from './json-ld.tsx';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  description: string;
  children: Child;
  /** Scripts that enhance this page only (the site works without them). */
  scripts?: string[];
  /** schema.org data about what the page shows (a dataset), for search engines. */
  jsonLd?: Record<string, unknown>;
}

/** The frame of every page: language, landmarks, navigation and the language switch. */
export function Layout({ ctx, title, description, children, scripts = [], jsonLd }: LayoutProps) {
  const { t, url, lang } = ctx;
  const nav: [string, string][] = [
    ['/', t.nav.home],
    ['/lists', t.nav.lists],
    ['/stats', t.nav.stats],
    ['/survey', t.nav.surveys],
    ['/data', t.nav.data],
  ];
  const current = (href: string) => (href === '/' ? url.pathname === '/' : url.pathname.startsWith(href));
  return (
    <html lang={t.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === t.siteName ? title : `${title} · ${t.siteName}`}</title>
        <meta name="description" content={description} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/site.css" />
        <link rel="alternate" hreflang="zh-CN" href={`${url.origin}${withQuery(url, { lang: 'zh' })}`} />
        <link rel="alternate" hreflang="en" href={`${url.origin}${withQuery(url, { lang: 'en' })}`} />
        <link rel="alternate" type="application/atom+xml" title={t.feedTitle} href="/feeds/changes.atom" />
        {jsonLd && <JsonLd data={jsonLd} />}
        {scripts.map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              {t.siteName}
            </a>
            <a class="lang-switch" href={withQuery(url, { lang: lang === 'zh' ? 'en' : 'zh' })}>
              <span lang={lang === 'zh' ? 'en' : 'zh-CN'}>{t.switchLanguage}</span>
              <span class="visually-hidden"> {t.switchLanguageLabel}</span>
            </a>
          </div>
          <nav class="wrap" aria-label={t.nav.home}>
            <ul class="nav">
              {nav.map(([href, label]) => (
                <li>
                  <a href={href} aria-current={current(href) ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              {t.footer.licence}{' '}
              <a href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener">
                {t.footer.licenceLink}
              </a>
            </p>
            <p>
              <a href="/data#privacy">{t.footer.privacy}</a> · <a href="/methodology">{t.footer.methodology}</a> ·{' '}
              <a href="/docs">{t.footer.api}</a> · <a href="/accessibility">{t.footer.accessibility}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
