import type { Db } from '../../db/client.ts';
import { refusedBy } from '../../db/errors.ts';
import type { Statement } from '../../db/queries/batch.ts';
import { jsonInsert, runBatch } from '../../db/queries/batch.ts';
import { listRollupStatements } from '../../db/queries/list-rollups.ts';
import { memberships, statusEvents } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { beijingDate } from '../../lib/beijing-date.ts';
import { eventRecord, membershipRecord } from '../records.ts';
import { type AuditChange, auditStatements, type WriteContext } from './audit.ts';
import type { PlannedWrite } from './plan-events.ts';

/**
 * The statements that write planned memberships and events, their audit entries and the rollups of their lists.
 * The rollups count the events in effect on the write's day (Beijing); a scheduled one waits for its day.
 */
export function eventWriteStatements(ctx: WriteContext, plan: PlannedWrite, action: 'create' | 'import'): Statement[] {
  const audit: AuditChange[] = [
    ...plan.memberships.map((m) => ({
      action,
      entity: 'membership' as const,
      entityId: `${m.townId}/${m.listId}`,
      before: null,
      after: membershipRecord(m),
    })),
    ...plan.events.map((e) => ({ action, entity: 'event' as const, entityId: String(e.id), before: null, after: eventRecord(e) })),
  ];
  const listIds = [...new Set(plan.events.map((e) => e.listId))];
  return [
    ...jsonInsert(memberships, plan.memberships),
    ...jsonInsert(statusEvents, plan.events),
    ...auditStatements(ctx, audit),
    ...listRollupStatements(listIds, beijingDate(ctx.at)),
  ];
}

/**
 * New rows take ids after the largest one read; a concurrent writer may take
 * the same ids (or put the same town on the same list) first. The batch then
 * fails as a whole, and the write is planned again from what is now stored.
 */
const COLLISION = /UNIQUE constraint failed: (status_events\.id|memberships\.id|memberships\.town_id|status_events\.supersedes_id)/;

export async function commitWithRetry<T>(db: Db, attempt: () => Promise<{ statements: Statement[]; result: T }>): Promise<T> {
  for (let i = 0; i < 3; i++) {
    const { statements, result } = await attempt();
    try {
      await runBatch(db, statements);
      return result;
    } catch (err) {
      if (!refusedBy(err, COLLISION)) throw err;
    }
  }
  throw new AppError('service-unavailable', 'Other writes kept changing the same records. Please retry.', {
    headers: { 'Retry-After': '1' },
  });
}
