import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog } from '../schema.ts';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  /** Entries with a smaller id than this (keyset pagination, newest first). */
  before?: number;
}

/** Newest first; one row more than `limit` tells whether another page follows. */
export async function selectAudit(db: Db, f: AuditFilter, limit: number) {
  const conditions: (SQL | undefined)[] = [
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.actor ? eq(auditLog.actor, f.actor) : undefined,
    f.before ? lt(auditLog.id, f.before) : undefined,
  ];
  return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(limit + 1);
}

export async function countAudit(db: Db, f: AuditFilter): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(and(f.entity ? eq(auditLog.entity, f.entity) : undefined, f.entityId ? eq(auditLog.entityId, f.entityId) : undefined, f.actor ? eq(auditLog.actor, f.actor) : undefined))
    .get();
  return row?.n ?? 0;
}
