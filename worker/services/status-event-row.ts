import type { DatePrecision, SourceDate } from '../lib/dates.ts';
import type { Status } from '../lib/statuses.ts';

/** What a source says about one status event of a town on a list: the columns its recorder does not decide. */
export interface StatusEventFacts {
  status: Status;
  /** The source's own wording of the status, when it differs from the code. */
  statusRaw: string | null;
  sourceId: string | null;
  confidence: string | null;
  sourceUrls: string[];
  note: string | null;
  /** The Chinese twin of `note`; null when none was written. */
  noteZh: string | null;
}

/** The columns of a `status_events` row that every event has, whoever records it. */
export interface StatusEventColumns {
  membershipId: number;
  townId: string;
  listId: string;
  status: Status;
  statusRaw: string | null;
  effectiveDate: string | null;
  datePrecision: DatePrecision | null;
  effectiveOn: string | null;
  dateNote: string | null;
  sourceId: string | null;
  confidence: string | null;
  sourceUrls: string[];
  note: string | null;
  noteZh: string | null;
}

/**
 * The one way a status event becomes a row: the loader (scripts/data, events
 * of the data files) and the admin API (services/admin/plan-events.ts) both
 * build theirs here and add only what is theirs (the loader its `dataKey`, the
 * API who recorded it and what it corrects). The date is read once by the
 * caller (parseSourceDate), which needs it for its own checks, and is stored
 * in its four columns here.
 */
export function statusEventColumns(
  membership: { id: number; townId: string; listId: string },
  facts: StatusEventFacts,
  date: SourceDate,
): StatusEventColumns {
  return {
    membershipId: membership.id,
    townId: membership.townId,
    listId: membership.listId,
    status: facts.status,
    statusRaw: facts.statusRaw,
    effectiveDate: date.date,
    datePrecision: date.precision,
    effectiveOn: date.effectiveOn,
    dateNote: date.note,
    sourceId: facts.sourceId,
    confidence: facts.confidence,
    sourceUrls: facts.sourceUrls,
    note: facts.note,
    noteZh: facts.noteZh,
  };
}
