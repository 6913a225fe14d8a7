import { secureHeaders } from 'hono/secure-headers';

/**
 * The security headers of every response the worker makes (OWASP ASVS V14.4):
 * a CSP without inline script (Turnstile is the one script and frame from
 * elsewhere), no framing, no sniffing, HSTS, and no browser feature the site
 * does not use. Static assets get the same from web/public/_headers, which
 * test/node/static-headers.test.ts compares with these.
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", 'https://challenges.cloudflare.com'],
      frameSrc: ['https://challenges.cloudflare.com'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    crossOriginResourcePolicy: 'cross-origin',
    // The same as frame-ancestors 'none', for browsers that know only this header.
    xFrameOptions: 'DENY',
    // Nothing here needs a device or a payment; Turnstile runs in its own frame and needs none of these either.
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [], serial: [], hid: [], bluetooth: [], browsingTopics: [] },
  });
}
