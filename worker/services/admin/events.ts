import type { Db } from '../../db/client.ts';
import { selectListsByIds, selectMembershipState, selectSourcesByRef, selectTownsByIds } from '../../db/queries/admin-context.ts';
import { AppError, type FieldProblem } from '../../errors.ts';
import type { Status } from '../../lib/statuses.ts';
import type { EventCreate, ImportProblem, MembershipCreate } from '../../schemas/admin.ts';
import { type EventRecord, eventRecord } from '../records.ts';
import type { WriteContext } from './audit.ts';
import { commitWithRetry, eventWriteStatements } from './commit.ts';
import { importFieldProblem } from './import-field-problems.ts';
import { type EventInput, planEvents } from './plan-events.ts';

function rejected(problems: ImportProblem[]): AppError {
  const errors: FieldProblem[] = problems.map((p) => importFieldProblem(p, p.column ?? 'body'));
  return new AppError('write-rejected', problems.map((p) => p.detail).join(' '), { errors });
}

/**
 * The town, list and source an event names must exist; a 422 says which does
 * not, except that a list named in the path is a 404 (`listInPath`).
 */
async function resolveRefs(db: Db, townId: string, listId: string, sourceId: string, listInPath = false) {
  const [[town], [list], sources] = await Promise.all([
    selectTownsByIds(db, [townId]),
    selectListsByIds(db, [listId]),
    selectSourcesByRef(db, [sourceId]),
  ]);
  if (!list && listInPath) throw new AppError('list-not-found', `There is no list ${listId}.`);
  const errors: FieldProblem[] = [];
  if (!town) errors.push({ name: 'town_id', in: 'body', code: 'not-found', detail: `No town ${townId}; create it first.` });
  if (!list) errors.push({ name: 'list_id', in: 'body', code: 'not-found', detail: `No list ${listId}.` });
  if (!sources.some((s) => s.id === sourceId))
    errors.push({ name: 'source_id', in: 'body', code: 'not-found', detail: `No source document ${sourceId}; create it first.` });
  if (errors.length) throw new AppError('unknown-reference', errors.map((e) => e.detail).join(' '), { errors });
  return { town: town!, list: list! };
}

async function writeOne(db: Db, ctx: WriteContext, input: EventInput, mode: 'event' | 'membership'): Promise<EventRecord> {
  return commitWithRetry(db, async () => {
    const state = await selectMembershipState(db, [{ townId: input.townId, listId: input.listId }]);
    if (mode === 'membership' && state.membershipRows.length)
      throw new AppError('already-exists', `${input.townId} is already on ${input.listId}; record a status event instead.`);
    const plan = planEvents([input], state, { actor: ctx.actor.name, at: ctx.at });
    if (plan.problems.length) throw rejected(plan.problems);
    return { statements: eventWriteStatements(ctx, plan, 'create'), result: eventRecord(plan.events[0]!) };
  });
}

function eventInput(
  body: Omit<EventCreate, 'supersedes'> & { supersedes?: number | null; listed_as?: string | null },
  listKind: string,
): EventInput {
  return {
    row: 0,
    townId: body.town_id,
    listId: body.list_id,
    listKind,
    status: body.status as Status,
    effectiveDate: body.effective_date,
    sourceId: body.source_id,
    statusRaw: body.status_raw,
    confidence: body.confidence,
    sourceUrls: body.source_urls,
    note: body.note,
    listedAs: body.listed_as ?? null,
    supersedes: body.supersedes ?? null,
  };
}

/** Records a status event (or a correction of one); the town must be on the list unless the event puts it there. */
export async function recordEvent(db: Db, ctx: WriteContext, body: EventCreate): Promise<EventRecord> {
  const { list } = await resolveRefs(db, body.town_id, body.list_id, body.source_id);
  return writeOne(db, ctx, eventInput(body, list.kind), 'event');
}

/** Puts a town on a list with its first status event. */
export async function addTownToList(db: Db, ctx: WriteContext, listId: string, body: MembershipCreate): Promise<EventRecord> {
  const { list } = await resolveRefs(db, body.town_id, listId, body.source_id, true);
  return writeOne(db, ctx, eventInput({ ...body, list_id: listId }, list.kind), 'membership');
}
