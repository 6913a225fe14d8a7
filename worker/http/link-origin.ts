/** Hosts that only a developer's own machine answers to: there the request's origin is the right one. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin that absolute links in a cacheable answer (the feed, the catalogue, the data package, the sitemap, the
 * docs' samples) start with. Such an answer must never copy the request's Host: a shared cache would hand links to
 * whatever host one request named to everyone. In local development (a localhost URL) the request's origin is used,
 * so that links work on any port; elsewhere the configured PUBLIC_ORIGIN (config.ts has reduced it to an http(s)
 * origin, or '' when unset or mistyped); with none, links are root-relative, which a feed reader resolves against
 * the feed's own URL (RFC 4287 §1.2).
 */
export function linkOrigin(requestUrl: string, publicOrigin: string | undefined): string {
  const url = new URL(requestUrl);
  if (LOCAL_HOSTS.has(url.hostname)) return url.origin;
  return publicOrigin ?? '';
}
