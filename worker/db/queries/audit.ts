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

/** Who writes an entry, when, and the id of the request it belongs to. */
export interface AuditAuthor {
  at: string;
  actor: string;
  requestId: string;
}

/**
 * The audit entry of a survey's new window, to run in the batch just before
 * the update: its `before` is read from the row by the same transaction, so it
 * is the window that was replaced even if another write came in between.
 */
export function surveyWindowAuditStatement(author: AuditAuthor, surveyId: string, after: { opens_at: string | null; closes_at: string | null }): SQL {
  return sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, request_id)
    SELECT ${author.at}, ${author.actor}, 'update', 'survey', id, json_object('opens_at', opens_at, 'closes_at', closes_at), ${JSON.stringify(after)}, ${author.requestId}
    FROM surveys WHERE id = ${surveyId}`;
}

/**
 * Records an export of a survey's raw responses: the format and how many
 * responses it holds (those submitted up to `author.at`), counted by the same
 * statement that writes the entry. Never the data itself. Returns the count.
 */
export async function insertExportAudit(db: Db, author: AuditAuthor, surveyId: string, format: string): Promise<number> {
  const counted = sql`(SELECT count(*) FROM responses r JOIN survey_versions v ON v.id = r.survey_version_id
      WHERE v.survey_id = ${surveyId} AND r.submitted_at <= ${author.at})`;
  const row = await db.get<{ rows: number }>(sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, request_id)
    VALUES (${author.at}, ${author.actor}, 'export', 'responses', ${surveyId}, NULL,
      json_object('format', ${format}, 'rows', ${counted}, 'submitted_up_to', ${author.at}), ${author.requestId})
    RETURNING json_extract(after, '$.rows') AS rows`);
  return Number(row.rows);
}
