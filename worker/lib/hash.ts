/**
 * A fast, non-cryptographic 53-bit string hash (cyrb53) as hex. Used for ids
 * and versions that must be stable and short, never for secrets.
 */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `length` hex digits (up to 26) of the hash of `text`. */
export function hashHex(text: string, length = 16): string {
  const hex = cyrb53(text, 0).toString(16).padStart(14, '0') + cyrb53(text, 1).toString(16).padStart(14, '0');
  return hex.slice(0, length);
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes (every submission hashes twice, so no per-byte string building). */
export function toHex(bytes: ArrayBuffer): string {
  let hex = '';
  for (const b of new Uint8Array(bytes)) hex += HEX[b];
  return hex;
}

/** Hex SHA-256 of a UTF-8 string: request fingerprints and token hashes. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
