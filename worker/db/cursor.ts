/**
 * Opaque keyset cursors: the sort and the sort key of the last row of a page,
 * base64url-encoded. Returns null for anything that is not a cursor we made
 * for this sort, so a hand-edited cursor is a 400, never a wrong page.
 */
export function encodeCursor(sort: string, key: string[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ s: sort, k: key }));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export function decodeCursor(cursor: string, sort: string, keyLength: number): string[] | null {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { s, k } = parsed as { s?: unknown; k?: unknown };
    if (s !== sort || !Array.isArray(k) || k.length !== keyLength || !k.every((v) => typeof v === 'string')) return null;
    return k as string[];
  } catch {
    return null;
  }
}
