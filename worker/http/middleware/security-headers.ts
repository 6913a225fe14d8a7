import type { MiddlewareHandler } from 'hono';

/**
 * The headers a document needs (OWASP ASVS V14.4): a CSP without inline script (Turnstile is the one script and frame
 * from elsewhere), no framing, no sniffing, HSTS, and no browser feature the site does not use. Static assets get the
 * same from web/public/_headers, which test/node/static-headers.test.ts compares with these.
 */
const DOCUMENT_HEADERS: ReadonlyArray<readonly [string, string]> = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self' https://challenges.cloudflare.com; frame-src https://challenges.cloudflare.com; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  [
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), browsing-topics=()',
  ],
];

/**
 * What data needs (OWASP REST Security Cheat Sheet, "Security headers"): JSON, CSV and the rest are never rendered as
 * a page, so the document headers above would be about 600 bytes of every API response for nothing. Kept: no sniffing
 * (a CSV must never become HTML), no framing and a CSP that allows nothing (should a browser render one anyway), HSTS,
 * and CORP so that cross-origin-isolated pages can still load open data.
 */
const DATA_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

/** Documents are what a browser renders: HTML (the site, /docs) and the SVG of a chart. */
const DOCUMENT_TYPE = /^(text\/html|image\/svg\+xml)/i;

/** The security headers of every response the worker makes: the document set for pages, the data set for the rest. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of DOCUMENT_TYPE.test(headers.get('Content-Type') ?? '') ? DOCUMENT_HEADERS : DATA_HEADERS) {
      headers.set(name, value);
    }
  };
}
