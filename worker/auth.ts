import { sha256Hex } from './lib/hash.ts';

/**
 * Who may use the admin API, and as whom: the roles, the identity a token
 * stands for, and the rule that finds a token's identity. The tokens
 * themselves are configuration (ADMIN_TOKENS, read by config.ts); reading
 * them from a request and refusing one are http/middleware/admin-auth.ts's.
 */

/** What a token may do: `editor` writes lists, towns and events and reviews public suggestions; `surveys` manages questionnaires and exports answers; `auditor` reads the audit log. */
export const ROLES = ['editor', 'surveys', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The holder of a token: its name is recorded as the author of every write made with it. */
export type Actor = { name: string; roles: Role[] };

/** A token as ADMIN_TOKENS lists it: its holder, and the hex SHA-256 of the token (the secret holds no token itself). */
export interface TokenEntry {
  name: string;
  roles: Role[];
  sha256: string;
}

/** Equal-length strings compared without stopping at the first difference, so timing reveals nothing. */
function sameHex(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * The actor a bearer token belongs to, or null (also when there are no
 * entries: a missing or malformed ADMIN_TOKENS refuses every token). The
 * token is hashed and compared with every entry, whichever matches, so the
 * time taken does not depend on which entry (if any) matched or how much of a hash did.
 */
export async function actorOf(token: string, entries: readonly TokenEntry[] | null): Promise<Actor | null> {
  if (!entries) return null;
  const digest = await sha256Hex(token);
  let found: Actor | null = null;
  for (const entry of entries) {
    if (sameHex(digest, entry.sha256) && !found) found = { name: entry.name, roles: entry.roles };
  }
  return found;
}
