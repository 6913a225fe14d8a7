/**
 * One spelling of every path, fixed before anything looks at it.
 *
 * The router decodes percent-encoding, so `/api/v1/%61dmin/audit` reaches the
 * admin routes; any middleware that compared the raw spelling (auth, CORS, the
 * response cache) would disagree with the router about where a request goes.
 * Decoding once here, refusing what has no safe meaning, and re-encoding one
 * way gives routing, authentication and caching the same path.
 *
 * What the URL parser has already done (WHATWG): `\` is `/` and dot segments,
 * `%2e` spellings included, are resolved. What is left to do here:
 *  - decode every `%XX` once; malformed UTF-8 is refused;
 *  - refuse an encoded `/` or `\`, since decoding it would move the segment
 *    boundaries, and a `%` left after decoding (double encoding): no route has one;
 *  - refuse control characters (NUL included), `?` and `#` in the path;
 *  - refuse dot segments, should any survive;
 *  - collapse runs of `/` (`//evil.example/x` is the path `/evil.example/x`).
 */
export type CanonicalPath = { ok: true; path: string } | { ok: false; detail: string };

const ENCODED_SEPARATOR = /%(2f|5c)/i;
// eslint-disable-next-line no-control-regex
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters in a path is this pattern's purpose.
const FORBIDDEN = /[\u0000-\u001f\u007f%?#\\]/;

export function canonicalPath(raw: string): CanonicalPath {
  if (ENCODED_SEPARATOR.test(raw)) return { ok: false, detail: 'The path contains an encoded "/" or "\\".' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, detail: 'The path is not valid percent-encoded UTF-8.' };
  }
  if (FORBIDDEN.test(decoded)) return { ok: false, detail: 'The path contains a control character, "%", "?", "#" or "\\" after decoding.' };
  const collapsed = decoded.replace(/\/{2,}/g, '/');
  if (collapsed.split('/').some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, detail: 'The path contains a "." or ".." segment.' };
  }
  // encodeURI leaves exactly the characters that the router's decodeURI leaves encoded (and the path
  // now holds no `%`, `?` or `#`), so the router sees `collapsed` and nothing else.
  return { ok: true, path: encodeURI(collapsed) };
}
