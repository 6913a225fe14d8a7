import type { memberships, statusEvents } from '../../db/schema.ts';
import { beijingDate, latestSchedulableDate } from '../../lib/beijing-date.ts';
import { parseSourceDate } from '../../lib/dates.ts';
import type { Status } from '../../lib/statuses.ts';
import type { ImportProblem } from '../../schemas/admin.ts';
import { statusEventColumns } from '../status-event-row.ts';

type MembershipRow = typeof memberships.$inferSelect;
type EventRow = typeof statusEvents.$inferSelect;

/** One status event to record, its town, list and source already known to exist. */
export interface EventInput {
  /** CSV line (import) or 0 (a single API call). */
  row: number;
  townId: string;
  listId: string;
  listKind: string;
  status: Status;
  effectiveDate: string | null;
  sourceId: string;
  statusRaw: string | null;
  confidence: string | null;
  sourceUrls: string[];
  note: string | null;
  listedAs: string | null;
  supersedes: number | null;
  /** The accepted public suggestion the event records, when an import row names one. */
  suggestionId?: string | null;
}

export interface PlannedWrite {
  memberships: MembershipRow[];
  events: EventRow[];
  /** For each planned event, the input it came from and whether it put the town on the list. */
  origins: { row: number; newMembership: boolean }[];
  problems: ImportProblem[];
}

/** Statuses that can put a town on a list: a notice names it, or pilots, proposes or cites it. */
const ENTERING_STATUSES: ReadonlySet<Status> = new Set(['proposed', 'approved', 'pilot', 'named', 'typical']);

function canEnter(status: Status, listKind: string): boolean {
  return ENTERING_STATUSES.has(status) || (status === 'warned' && listKind === 'warning-case');
}

/**
 * The one way to say what is wrong with an event to record: an import row's (`row` its CSV line, 0 for the file)
 * or a single API call's (row 0). `suggestions` are the known towns an unknown town name may have meant.
 */
export function problem(
  row: number,
  code: ImportProblem['code'],
  detail: string,
  column: string | null = null,
  suggestions: ImportProblem['suggestions'] = [],
): ImportProblem {
  return { row, column, code, detail, suggestions };
}

/**
 * Checks events against the memberships and events already recorded (and
 * against each other, in order) and turns them into the rows to insert.
 * Pure: the caller reads the state and writes the rows in one batch.
 *
 * Refused: an event for a town not on the list unless its status can put it
 * there; anything but a new entry after an elimination; an event that is
 * already recorded or repeated; a correction of an event of another town or
 * list, or of one already corrected; a date beyond the end of next year
 * (Beijing time); and a scheduled event (dated after today) that would leave
 * the town on the list with no status in effect today, such as an entry:
 * the current status is a stored rollup, and a town is on a list from the
 * day its entry takes effect, so an entry is recorded once that day has come.
 */
export function planEvents(
  inputs: EventInput[],
  state: { membershipRows: MembershipRow[]; eventRows: EventRow[]; maxMembershipId: number; maxEventId: number },
  by: { actor: string; at: string },
): PlannedWrite {
  const membershipOf = new Map(state.membershipRows.map((m) => [`${m.townId}|${m.listId}`, m]));
  const events = [...state.eventRows];
  const superseded = new Set(events.map((e) => e.supersedesId).filter((id): id is number => id !== null));
  const planned: PlannedWrite = { memberships: [], events: [], origins: [], problems: [] };
  // The write's own instant decides what "today" is, so a plan is a pure function of its inputs.
  const today = beijingDate(by.at);
  const latest = latestSchedulableDate(today);
  let nextMembershipId = state.maxMembershipId + 1;
  let nextEventId = state.maxEventId + 1;

  for (const input of inputs) {
    const date = parseSourceDate(input.effectiveDate);
    const key = `${input.townId}|${input.listId}`;
    let membership = membershipOf.get(key);
    const active = membership ? events.filter((e) => e.membershipId === membership!.id && !superseded.has(e.id)) : [];

    if (date.effectiveOn && date.effectiveOn > latest) {
      planned.problems.push(
        problem(
          input.row,
          'invalid-value',
          `${input.effectiveDate} is too far ahead: a status can be scheduled up to the end of next year (${latest}, Beijing time).`,
          'effective_date',
        ),
      );
      continue;
    }
    if (!membership && !canEnter(input.status, input.listKind)) {
      planned.problems.push(
        problem(
          input.row,
          'not-on-list',
          `${input.townId} is not on ${input.listId}, and "${input.status}" cannot put it there: record its entry (approved, named, pilot…) first.`,
          'status',
        ),
      );
      continue;
    }
    // A correction may repeat the status and date of the event it corrects (to fix its source or note).
    if (
      active.some(
        (e) => e.id !== input.supersedes && e.status === input.status && e.effectiveDate === date.date && e.dateNote === date.note,
      )
    ) {
      const inFile = planned.events.some(
        (e) => e.membershipId === membership!.id && e.status === input.status && e.effectiveDate === date.date,
      );
      planned.problems.push(
        inFile
          ? problem(
              input.row,
              'duplicate-row',
              `The same event (${input.townId}, ${input.listId}, ${input.status}, ${input.effectiveDate ?? 'no date'}) appears twice.`,
            )
          : problem(
              input.row,
              'already-recorded',
              `${input.townId} already has "${input.status}" on ${input.listId} at ${input.effectiveDate ?? 'no date'}.`,
            ),
      );
      continue;
    }
    if (input.supersedes !== null) {
      const target = events.find((e) => e.id === input.supersedes);
      if (!target || target.townId !== input.townId || target.listId !== input.listId) {
        planned.problems.push(
          problem(
            input.row,
            'invalid-value',
            `Event ${input.supersedes} is not an event of ${input.townId} on ${input.listId}.`,
            'supersedes',
          ),
        );
        continue;
      }
      if (superseded.has(target.id)) {
        planned.problems.push(
          problem(
            input.row,
            'invalid-value',
            `Event ${input.supersedes} is already corrected; correct the event that corrected it instead.`,
            'supersedes',
          ),
        );
        continue;
      }
    }
    if (membership && date.effectiveOn) {
      // The status the town had when this event took effect, ignoring the event it corrects.
      const before = active
        .filter((e) => e.id !== input.supersedes && e.effectiveOn !== null && e.effectiveOn <= date.effectiveOn!)
        .sort((a, b) => a.effectiveOn!.localeCompare(b.effectiveOn!) || a.id - b.id)
        .at(-1);
      if (before?.status === 'eliminated' && !canEnter(input.status, input.listKind)) {
        planned.problems.push(
          problem(
            input.row,
            'impossible-transition',
            `${input.townId} was eliminated from ${input.listId} on ${before.effectiveDate}; only a new entry can follow.`,
            'status',
          ),
        );
        continue;
      }
    }

    if (date.effectiveOn && date.effectiveOn > today) {
      // What stays in effect today besides this scheduled event: another event (not the one it corrects), or,
      // for a row of the data files that came without events, the status the loader gave it.
      const others = active.filter((e) => e.id !== input.supersedes);
      const inEffect =
        membership !== undefined && (active.length === 0 || others.some((e) => e.effectiveOn === null || e.effectiveOn <= today));
      if (!inEffect) {
        planned.problems.push(
          problem(
            input.row,
            'invalid-value',
            membership
              ? `${input.effectiveDate} is after today (${today}, Beijing time), and ${input.townId} would have no status in effect on ${input.listId} until then; record the correction of its last status in effect with a date that has come.`
              : `${input.effectiveDate} is after today (${today}, Beijing time): a town is on a list from the day its entry takes effect, so record the entry of ${input.townId} on ${input.listId} once that day has come. Later status changes may be scheduled.`,
            'effective_date',
          ),
        );
        continue;
      }
    }

    const newMembership = !membership;
    if (!membership) {
      membership = {
        id: nextMembershipId++,
        townId: input.townId,
        listId: input.listId,
        listedAs: input.listedAs,
        position: null,
        confidence: input.confidence,
        sourceUrls: input.sourceUrls,
        note: null,
        noteZh: null,
        currentStatus: input.status,
        currentSince: date.date,
        sourceStage: null,
        sourceStageDate: null,
        origin: 'admin',
      };
      membershipOf.set(key, membership);
      planned.memberships.push(membership);
    }
    const facts = {
      status: input.status,
      statusRaw: input.statusRaw,
      sourceId: input.sourceId,
      confidence: input.confidence,
      sourceUrls: input.sourceUrls,
      note: input.note,
      noteZh: null,
    };
    const event: EventRow = {
      id: nextEventId++,
      ...statusEventColumns(membership, facts, date),
      origin: 'admin',
      dataKey: null,
      supersedesId: input.supersedes,
      recordedAt: by.at,
      recordedBy: by.actor,
      suggestionId: input.suggestionId ?? null,
    };
    events.push(event);
    if (input.supersedes !== null) superseded.add(input.supersedes);
    planned.events.push(event);
    planned.origins.push({ row: input.row, newMembership });
  }
  return planned;
}
