import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
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
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
}

export async function countAudit(db: Db, f: AuditFilter): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(
      and(
        f.entity ? eq(auditLog.entity, f.entity) : undefined,
        f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
        f.actor ? eq(auditLog.actor, f.actor) : undefined,
      ),
    )
    .get();
  return row?.n ?? 0;
}

/** Who writes an entry, when, and the id of the request it belongs to. */
export interface AuditAuthor {
  at: string;
  actor: string;
  requestId: string;
}

/** A wave as the audit log records it. */
const WAVE_JSON = sql`json_object('survey_id', survey_id, 'version_id', version_id, 'name', name, 'name_en', name_en, 'opens_at', opens_at,
  'closes_at', closes_at, 'publication', publication)`;

/**
 * The audit entry of a wave's creation or change, to run in the batch just
 * before it. A change's `before` is read from the row by the same transaction,
 * so it is the wave that was replaced even if another write came in between,
 * and its `after` is that row with the change applied (json_set, which keeps a
 * null as null). `change` is in the audit log's words (snake_case columns).
 */
export function waveAuditStatement(
  author: AuditAuthor,
  action: 'create' | 'update',
  waveId: string,
  change: Record<string, string | null>,
): SQL {
  const before = action === 'create' ? sql`NULL` : sql`(SELECT ${WAVE_JSON} FROM survey_waves WHERE id = ${waveId})`;
  const paths = Object.entries(change).map(([key, value]) => sql`${`$.${key}`}, ${value}`);
  const after =
    action === 'create' ? sql`${JSON.stringify(change)}` : paths.length ? sql`json_set(${before}, ${sql.join(paths, sql`, `)})` : before;
  return sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, request_id)
    VALUES (${author.at}, ${author.actor}, ${action}, 'wave', ${waveId}, ${before}, ${after}, ${author.requestId})`;
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
