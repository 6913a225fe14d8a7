import { z } from 'zod';
import { sha256Hex } from '../lib/hash.ts';
import { log } from '../lib/log.ts';

/** What a token may do: `editor` writes lists, towns and events and reviews public suggestions; `surveys` manages questionnaires and exports answers; `auditor` reads the audit log. */
export const ROLES = ['editor', 'surveys', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

const TokenEntrySchema = z.object({
  /** Recorded as the author of every write made with the token. */
  name: z.string().min(1).max(100),
  roles: z.array(z.enum(ROLES)).min(1),
  /** Hex SHA-256 of the token: the secret holds no token itself. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const TokenListSchema = z.array(TokenEntrySchema).min(1);

export type Actor = { name: string; roles: Role[] };

let parsed: { secret: string; entries: z.infer<typeof TokenListSchema> | null } | undefined;

/** The ADMIN_TOKENS secret, parsed once per isolate; null when it is missing or malformed (then every token is refused). */
function entriesOf(secret: string | undefined): z.infer<typeof TokenListSchema> | null {
  if (!secret) return null;
  if (parsed?.secret !== secret) {
    let entries = null;
    try {
      const result = TokenListSchema.safeParse(JSON.parse(secret));
      if (result.success) entries = result.data;
      else log('error', 'ADMIN_TOKENS is malformed: every admin request will be refused');
    } catch {
      log('error', 'ADMIN_TOKENS is not JSON: every admin request will be refused');
    }
    parsed = { secret, entries };
  }
  return parsed.entries;
}

/** Equal-length strings compared without stopping at the first difference, so timing reveals nothing. */
function sameHex(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * The actor a bearer token belongs to, or null. The token is hashed and
 * compared with every entry, whichever matches, so the time taken does not
 * depend on which entry (if any) matched or how much of a hash did.
 */
export async function actorOf(token: string, secret: string | undefined): Promise<Actor | null> {
  const entries = entriesOf(secret);
  if (!entries) return null;
  const digest = await sha256Hex(token);
  let found: Actor | null = null;
  for (const entry of entries) {
    if (sameHex(digest, entry.sha256) && !found) found = { name: entry.name, roles: entry.roles };
  }
  return found;
}
