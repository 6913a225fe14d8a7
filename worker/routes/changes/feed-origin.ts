/** Hosts that only a developer's own machine answers to: there the request's origin is the right one. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin the feed's links start with. The feed is publicly cacheable, so it
 * must never copy the request's Host: a shared cache would hand links to
 * whatever host one request named to every subscriber. In local development
 * (a localhost URL) the request's origin is used, so that links work on any port;
 * elsewhere the configured PUBLIC_ORIGIN; without one, links are root-relative,
 * which a feed reader resolves against the feed's own URL (RFC 4287 §1.2).
 */
export function feedOrigin(requestUrl: string, publicOrigin: string | undefined): string {
  const url = new URL(requestUrl);
  if (LOCAL_HOSTS.has(url.hostname)) return url.origin;
  return configuredOrigin(publicOrigin);
}

/** PUBLIC_ORIGIN reduced to its origin; '' when unset or not an http(s) URL, so a typo gives relative links, not the Host. */
function configuredOrigin(publicOrigin: string | undefined): string {
  if (!publicOrigin) return '';
  try {
    const url = new URL(publicOrigin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
  } catch {
    return '';
  }
}
