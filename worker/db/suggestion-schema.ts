import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A correction or addition sent by the public (POST /api/v1/suggestions). Its
 * id is the receipt: unguessable, so that only the sender finds the public
 * status page. Staff decide it (accepted or declined with a reason); an
 * accepted one becomes a row of an import, whose events name it
 * (status_events.suggestion_id).
 *
 * `contact` is personal data, kept only with consent and only until the
 * decision: deciding a suggestion blanks it in the same statement.
 * A suggestion caught by the honeypot is kept as a decoy (`decoy` = 1): it
 * answers a retry and the receipt page as a real one would, and staff never
 * see it.
 */
export const suggestions = sqliteTable(
  'suggestions',
  {
    id: text('id').primaryKey(),
    /** `addition` (a town missing from a list) or `correction` (something wrong). */
    kind: text('kind').notNull(),
    // No foreign keys: they are checked on input, and a reload of the data files must never be blocked by a suggestion.
    listId: text('list_id'),
    townId: text('town_id'),
    /** The town as the sender names it (an addition may name a town the service does not know). */
    townName: text('town_name'),
    province: text('province'),
    city: text('city'),
    county: text('county'),
    proposedStatus: text('proposed_status'),
    proposedDate: text('proposed_date'),
    detail: text('detail').notNull(),
    /** An http(s) URL or a document number (文号), as validated on input. */
    source: text('source').notNull(),
    sourceKind: text('source_kind').notNull(),
    /** JSON of the contact details, only with consent; NULL once decided. */
    contact: text('contact', { mode: 'json' }).$type<Record<string, string>>(),
    status: text('status').notNull().default('received'),
    reason: text('reason'),
    decidedAt: text('decided_at'),
    submittedAt: text('submitted_at').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    fingerprint: text('fingerprint').notNull(),
    decoy: integer('decoy', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // The staff's list: by status (or all), newest first, decoys left out.
    index('suggestions_status_idx').on(t.decoy, t.status, t.submittedAt, t.id),
    index('suggestions_submitted_idx').on(t.decoy, t.submittedAt, t.id),
  ],
);
