/**
 * What the audit log can say: the kinds of record, and what was done to them.
 * `survey` is a questionnaire's window; `responses` are a survey's raw
 * responses, personal data whose every export is recorded (never the data).
 * A `suggestion` from the public is accepted or declined (its status and
 * reason are recorded, never its contact details).
 *
 * Domain vocabulary lives in lib/ beside statuses.ts: the service that writes the log (services/admin/audit.ts)
 * and the contract that reads it out (schemas/admin.ts) take these tuples, so the service imports no schema.
 */
export const AUDIT_ENTITIES = ['source', 'list', 'town', 'membership', 'event', 'survey', 'wave', 'responses', 'suggestion'] as const;
export const AUDIT_ACTIONS = ['create', 'update', 'import', 'export', 'accept', 'decline'] as const;

export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
