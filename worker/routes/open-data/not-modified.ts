import { matches } from '../../http/middleware/conditional-get.ts';

/**
 * If-None-Match by weak comparison (RFC 9110 13.1.2): `W/"x"` matches `"x"`, and `*` matches
 * whatever exists, which the current snapshot and each of its files do.
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || matches(ifNoneMatch, etag);
}
