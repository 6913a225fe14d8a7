import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../auth.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { type AuditFilter, countAudit, selectAudit } from '../../db/queries/audit.ts';
import type { Statement } from '../../db/queries/batch.ts';
import { jsonInsert } from '../../db/queries/batch.ts';
import { auditLog } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { AuditAction, AuditEntity } from '../../lib/audit-vocabulary.ts';
import { currentScope } from '../../lib/request-scope.ts';

/** Who writes, when, and the id shared by everything one request writes. */
export interface WriteContext {
  actor: Actor;
  at: string;
  requestId: string;
}

/**
 * The audit's request id is the request's own (http/middleware/request-id.ts): the id in the response's
 * X-Request-Id and in the request's log lines finds its audit rows. Outside a request (a script), a new one.
 */
export function writeContext(actor: Actor): WriteContext {
  return { actor, at: new Date().toISOString(), requestId: currentScope()?.id ?? crypto.randomUUID() };
}

export interface AuditChange {
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * The audit rows of a write, to run in the same batch as the write itself: both land or neither. With `onlyIf`
 * (a condition from db/queries), they are written only if it holds once the write before them has run.
 */
export function auditStatements(ctx: WriteContext, changes: AuditChange[], onlyIf?: SQL): Statement[] {
  return jsonInsert(
    auditLog,
    changes.map((c) => ({
      at: ctx.at,
      actor: ctx.actor.name,
      action: c.action,
      entity: c.entity,
      entityId: c.entityId,
      before: c.before ?? null,
      after: c.after ?? null,
      requestId: ctx.requestId,
    })),
    onlyIf,
  );
}

const SORT = 'audit';

/** The audit log, newest first, with keyset pagination. */
export async function listAudit(db: Db, q: { entity?: string; entity_id?: string; actor?: string; limit: number; cursor?: string }) {
  let before: number | undefined;
  if (q.cursor) {
    const key = decodeCursor(q.cursor, SORT, 1);
    if (!key || !/^\d+$/.test(key[0]!)) throw new AppError('invalid-cursor', 'The cursor is not one this endpoint gave.');
    before = Number(key[0]);
  }
  const filter: AuditFilter = { entity: q.entity, entityId: q.entity_id, actor: q.actor };
  const [rows, total] = await Promise.all([selectAudit(db, { ...filter, before }, q.limit), countAudit(db, filter)]);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action as AuditAction,
      entity: r.entity as AuditEntity,
      entity_id: r.entityId,
      before: r.before ?? null,
      after: r.after ?? null,
      request_id: r.requestId,
    })),
    total,
    next_cursor: rows.length > q.limit ? encodeCursor(SORT, [String(page.at(-1)!.id)]) : null,
  };
}
