import { xmlText } from '../lib/xml.ts';

/** The pages of the site worth indexing; each exists in Chinese (the default) and English (`?lang=en`). */
export function sitemapXml(origin: string, paths: string[], lastModified: string | null): string {
  const lastmod = lastModified ? `<lastmod>${xmlText(lastModified.slice(0, 10))}</lastmod>` : '';
  const urls = paths.map((path) => {
    const zh = `${origin}${path}`;
    const en = `${origin}${path}${path.includes('?') ? '&' : '?'}lang=en`;
    return (
      `<url><loc>${xmlText(zh)}</loc>${lastmod}` +
      `<xhtml:link rel="alternate" hreflang="zh-Hans" href="${xmlText(`${zh}${path.includes('?') ? '&' : '?'}lang=zh`)}"/>` +
      `<xhtml:link rel="alternate" hreflang="en" href="${xmlText(en)}"/></url>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}

/** robots.txt: everything public may be crawled; the admin API and the questionnaires' receipts may not. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/v1/admin/',
    'Disallow: /survey/thanks',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
