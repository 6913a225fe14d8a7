import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { statusEvents } from '../schema.ts';
import { suggestions } from '../suggestion-schema.ts';
import { batchResults, type Statement } from './batch.ts';

export type SuggestionRow = typeof suggestions.$inferSelect;

export async function insertSuggestion(db: Db, row: typeof suggestions.$inferInsert): Promise<void> {
  await db.insert(suggestions).values(row);
}

/** The suggestion an Idempotency-Key stored (a decoy too), if any. */
export async function selectSuggestionByKey(db: Db, key: string): Promise<SuggestionRow | null> {
  return (await db.select().from(suggestions).where(eq(suggestions.idempotencyKey, key)).get()) ?? null;
}

export async function selectSuggestion(db: Db, id: string): Promise<SuggestionRow | null> {
  return (await db.select().from(suggestions).where(eq(suggestions.id, id)).get()) ?? null;
}

/** The status events imported from these suggestions, oldest first. */
export async function selectSuggestionEvents(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: statusEvents.id,
      suggestionId: statusEvents.suggestionId,
      townId: statusEvents.townId,
      listId: statusEvents.listId,
      status: statusEvents.status,
      effectiveDate: statusEvents.effectiveDate,
    })
    .from(statusEvents)
    .where(inArray(statusEvents.suggestionId, ids))
    .orderBy(statusEvents.id);
}

/**
 * Whether each suggestion exists (decoys do not count), its status, and the
 * list and town it was about: what an import checks of its `suggestion` column.
 */
export async function selectSuggestionStates(
  db: Db,
  ids: string[],
): Promise<Map<string, { status: string; listId: string | null; townId: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: suggestions.id, status: suggestions.status, listId: suggestions.listId, townId: suggestions.townId })
    .from(suggestions)
    .where(and(inArray(suggestions.id, ids), eq(suggestions.decoy, false)));
  return new Map(rows.map(({ id, ...state }) => [id, state]));
}

export interface SuggestionFilter {
  status?: string;
  list?: string;
  /** A town's id, or its name as senders gave it. */
  town?: string;
  /** The sort key of the last row of the previous page: newest first by (submitted_at, id). */
  after?: { submittedAt: string; id: string };
}

/** What staff filter by, decoys always left out. */
function filterConditions(f: SuggestionFilter): (SQL | undefined)[] {
  return [
    eq(suggestions.decoy, false),
    f.status ? eq(suggestions.status, f.status) : undefined,
    f.list ? eq(suggestions.listId, f.list) : undefined,
    f.town ? or(eq(suggestions.townId, f.town), eq(suggestions.townName, f.town)) : undefined,
  ];
}

/** Staff's list, newest first, without decoys; one row more than `limit` tells whether a page follows. */
export async function selectSuggestionPage(db: Db, f: SuggestionFilter, limit: number): Promise<SuggestionRow[]> {
  const conditions: (SQL | undefined)[] = [
    ...filterConditions(f),
    f.after
      ? or(
          lt(suggestions.submittedAt, f.after.submittedAt),
          and(eq(suggestions.submittedAt, f.after.submittedAt), lt(suggestions.id, f.after.id)),
        )
      : undefined,
  ];
  return db
    .select()
    .from(suggestions)
    .where(and(...conditions))
    .orderBy(desc(suggestions.submittedAt), desc(suggestions.id))
    .limit(limit + 1);
}

export async function countSuggestions(db: Db, f: SuggestionFilter): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(suggestions)
    .where(and(...filterConditions(f)))
    .get();
  return row?.n ?? 0;
}

export interface Decision {
  id: string;
  status: 'accepted' | 'declined';
  reason: string | null;
  at: string;
}

/** Whether the suggestion now holds this very decision: the condition of its audit entry (see decideSuggestion). */
export function holdsDecision(d: Decision): SQL {
  return sql`EXISTS (SELECT 1 FROM ${suggestions} WHERE id = ${d.id} AND status = ${d.status} AND decided_at = ${d.at})`;
}

/**
 * Decides a received suggestion and audits it, in one batch. The update
 * blanks the contact details (they are kept only until the decision) and
 * what the fingerprint derived from them, and
 * applies only to a suggestion still `received`; `audit` (the audit entry,
 * written on the condition `holdsDecision`) runs after it, so that a decision
 * that lost a race writes nothing at all. Returns whether this request decided it.
 */
export async function decideSuggestion(db: Db, d: Decision, audit: Statement[]): Promise<boolean> {
  const results = await batchResults(db, [
    // The fingerprint's contact part (after its `.`: see services/suggestions/submit.ts) goes with the contact.
    sql`UPDATE ${suggestions} SET status = ${d.status}, reason = ${d.reason}, decided_at = ${d.at}, contact = NULL,
          fingerprint = CASE WHEN instr(fingerprint, '.') > 0 THEN substr(fingerprint, 1, instr(fingerprint, '.') - 1) ELSE fingerprint END
        WHERE id = ${d.id} AND status = 'received' AND decoy = 0`,
    ...audit,
  ]);
  return changed(results[0]);
}

/** D1's count of rows an UPDATE changed. */
function changed(result: unknown): boolean {
  const meta = (result as { meta?: { changes?: number } } | undefined)?.meta;
  return (meta?.changes ?? 0) > 0;
}

/**
 * Deletes the contact details of suggestions still undecided that were sent
 * before `before`, with the contact part of their fingerprint (as a decision
 * does); gives how many were forgotten.
 */
export async function forgetContactsSentBefore(db: Db, before: string): Promise<number> {
  const [result] = await batchResults(db, [
    sql`UPDATE ${suggestions} SET contact = NULL,
          fingerprint = CASE WHEN instr(fingerprint, '.') > 0 THEN substr(fingerprint, 1, instr(fingerprint, '.') - 1) ELSE fingerprint END
        WHERE decoy = 0 AND status = 'received' AND submitted_at < ${before} AND contact IS NOT NULL`,
  ]);
  return result?.meta.changes ?? 0;
}
