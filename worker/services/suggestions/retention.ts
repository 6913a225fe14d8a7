import type { Db } from '../../db/client.ts';
import { forgetContactsSentBefore } from '../../db/queries/suggestions.ts';

/**
 * How long contact details of a suggestion nobody has decided yet are kept.
 * A decision deletes them at once; this bounds the wait for one that never
 * comes, so consent to be contacted about a suggestion does not last for ever
 * (PIPL art. 19: no longer than the purpose needs).
 */
export const CONTACT_RETENTION_DAYS = 180;

/** Deletes the contact details of undecided suggestions sent more than CONTACT_RETENTION_DAYS before `now`. */
export function forgetStaleContacts(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - CONTACT_RETENTION_DAYS * 86_400_000).toISOString();
  return forgetContactsSentBefore(db, before);
}
