/**
 * The client network a per-client limit counts against, in one spelling per
 * network. CF-Connecting-IP is set by Cloudflare, but an address has many
 * spellings (`2001:DB8::1`, `2001:0db8:0:0::1`, the full form…), and each
 * spelling hashed as it came would be a fresh bucket.
 *
 * - IPv4: the dotted quad as given (leading zeros are refused: octal or decimal?).
 * - IPv4-mapped IPv6 (`::ffff:192.0.2.1`, `::ffff:c000:201`): that IPv4 address,
 *   so a dual-stack listener does not put every IPv4 client in one bucket.
 * - Other IPv6: its /64 (what one household or device usually keeps), written
 *   as RFC 5952 says (lower case, no leading zeros, the longest run of zero
 *   groups as `::`), with `/64`. A zone id (`%eth0`) names an interface of the
 *   receiving host, never the client: it is dropped.
 * - Anything else: one shared network, GARBAGE. An unparseable header must not
 *   crash the submission, and must not give each request a bucket of its own.
 */
const GARBAGE = 'unparseable-address';

const DEC_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (DEC_OCTET.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** Colon-separated groups; the last may be a dotted quad (two groups) when `last` says it ends the address. */
function parseGroups(text: string, last: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (last && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (!v4) return null;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (HEX_GROUP.test(part)) {
      groups.push(Number.parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/** The eight 16-bit groups of an IPv6 address in any RFC 4291 text form, or null. */
function parseIPv6(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1]!, true) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  // `::` stands for at least one group of zeros.
  if (head.length + tail.length > 7) return null;
  return [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 §4: lower-case hex without leading zeros; the longest run (the first of equals) of two or more zero groups as `::`. */
function formatIPv6(groups: number[]): string {
  let best = { at: -1, length: 1 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

export function networkOf(address: string): string {
  const text = address.trim();
  if (parseIPv4(text)) return text;
  const groups = parseIPv6(text.replace(/%[^%]*$/, ''));
  if (!groups) return GARBAGE;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  return `${formatIPv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}
