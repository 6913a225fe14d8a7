import type { Context } from 'hono';
import { config } from '../../config.ts';
import type { AppEnv } from '../../env.ts';
import { linkOrigin } from '../../http/link-origin.ts';

/**
 * Sitemaps and robots.txt need absolute URLs. The configured PUBLIC_ORIGIN
 * (or a developer's localhost) gives them; without one, the request's own
 * origin does, and the answer is then kept by no cache, so that a request
 * naming another Host can only ever mislead itself.
 */
export function originFor(c: Context<AppEnv>): { origin: string; cacheControl: string } {
  const configured = linkOrigin(c.req.url, config(c.env).publicOrigin);
  return configured
    ? { origin: configured, cacheControl: 'public, max-age=3600' }
    : { origin: new URL(c.req.url).origin, cacheControl: 'no-store' };
}
