import type { Db } from '../../db/client.ts';
import type { SuggestionRow } from '../../db/queries/suggestions.ts';
import { selectSuggestionEvents } from '../../db/queries/suggestions.ts';
import type { AdminSuggestion, AdminSuggestionItem, SuggestionStatus } from '../../schemas/suggestions.ts';

type EventLink = Awaited<ReturnType<typeof selectSuggestionEvents>>[number];

/** A suggestion as its public status page gives it: what was suggested and what became of it, never the contact details. */
export function publicView(row: SuggestionRow, events: EventLink[]): SuggestionStatus {
  return {
    receipt: row.id,
    status: row.status as SuggestionStatus['status'],
    submitted_at: row.submittedAt,
    decided_at: row.decidedAt,
    reason: row.reason,
    suggested: {
      kind: row.kind as SuggestionStatus['suggested']['kind'],
      list_id: row.listId,
      town_id: row.townId,
      town_name: row.townName,
      province: row.province,
      city: row.city,
      county: row.county,
      proposed_status: row.proposedStatus as SuggestionStatus['suggested']['proposed_status'],
      proposed_date: row.proposedDate,
      detail: row.detail,
      source: row.source,
      source_kind: row.sourceKind as SuggestionStatus['suggested']['source_kind'],
    },
    events: events
      .filter((e) => e.suggestionId === row.id)
      .map((e) => ({
        id: e.id,
        town_id: e.townId,
        list_id: e.listId,
        status: e.status as SuggestionStatus['events'][number]['status'],
        effective_date: e.effectiveDate,
      })),
  };
}

/** The same for staff, with the contact details while they are kept (until the decision). */
export function adminView(row: SuggestionRow, events: EventLink[]): AdminSuggestion {
  return { ...publicView(row, events), contact: row.contact ?? null };
}

/** A line of staff's list: whether contact details are kept, never the details themselves. */
export function itemView(row: SuggestionRow, events: EventLink[]): AdminSuggestionItem {
  return { ...publicView(row, events), has_contact: row.contact !== null };
}

/** The events each of `rows` led to, read in one query. */
export async function eventsOf(db: Db, rows: SuggestionRow[]): Promise<EventLink[]> {
  return selectSuggestionEvents(
    db,
    rows.map((r) => r.id),
  );
}
