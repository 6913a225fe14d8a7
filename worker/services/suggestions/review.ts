import type { Db } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { runBatch } from '../../db/queries/batch.ts';
import {
  countSuggestions,
  decideSuggestion,
  holdsDecision,
  type SuggestionRow,
  selectSuggestion,
  selectSuggestionPage,
} from '../../db/queries/suggestions.ts';
import { AppError } from '../../errors.ts';
import { csvField } from '../../lib/csv.ts';
import type { ImportReport } from '../../schemas/admin.ts';
import type { AdminSuggestion } from '../../schemas/suggestions.ts';
import type { WriteContext } from '../admin/audit.ts';
import { auditStatements } from '../admin/audit.ts';
import { importNotice } from '../admin/import.ts';
import { adminView, eventsOf, itemView } from './view.ts';

const SORT = 'suggestions';

/** Staff's list of suggestions, newest first, with keyset pagination, by status, list and town; decoys are never shown. */
export async function listSuggestions(db: Db, q: { status?: string; list?: string; town?: string; limit: number; cursor?: string }) {
  let after: { submittedAt: string; id: string } | undefined;
  if (q.cursor) {
    const key = decodeCursor(q.cursor, SORT, 2);
    if (!key) throw new AppError('invalid-cursor', 'The cursor is not one this endpoint gave.');
    after = { submittedAt: key[0]!, id: key[1]! };
  }
  const filter = { status: q.status, list: q.list, town: q.town };
  const [rows, total] = await Promise.all([selectSuggestionPage(db, { ...filter, after }, q.limit), countSuggestions(db, filter)]);
  const page = rows.slice(0, q.limit);
  const events = await eventsOf(db, page);
  const last = page.at(-1);
  return {
    items: page.map((r) => itemView(r, events)),
    total,
    next_cursor: rows.length > q.limit && last ? encodeCursor(SORT, [last.submittedAt, last.id]) : null,
  };
}

async function rowOr404(db: Db, id: string): Promise<SuggestionRow> {
  const row = await selectSuggestion(db, id);
  if (!row || row.decoy) throw new AppError('not-found', `No suggestion "${id}".`);
  return row;
}

/**
 * One suggestion for staff, with the contact details while they are kept. A
 * read that gives them is personal data read out: it is recorded in the audit
 * log (which fields, never their values) before the answer is sent.
 */
export async function getSuggestion(db: Db, ctx: WriteContext, id: string): Promise<AdminSuggestion> {
  const row = await rowOr404(db, id);
  if (row.contact) {
    await runBatch(
      db,
      auditStatements(ctx, [
        {
          action: 'export',
          entity: 'suggestion',
          entityId: row.id,
          before: null,
          after: { contact_fields: Object.keys(row.contact).sort() },
        },
      ]),
    );
  }
  return adminView(row, await eventsOf(db, [row]));
}

/** Records the decision, or says why it cannot be taken (another decision came first). */
async function decide(
  db: Db,
  ctx: WriteContext,
  row: SuggestionRow,
  status: 'accepted' | 'declined',
  reason: string | null,
): Promise<SuggestionRow> {
  if (row.status === 'received') {
    const decision = { id: row.id, status, reason, at: ctx.at };
    const change = {
      action: status === 'accepted' ? 'accept' : 'decline',
      entity: 'suggestion',
      entityId: row.id,
      before: { status: 'received' },
      after: { status, reason, decided_at: ctx.at },
    } as const;
    const decided = await decideSuggestion(db, decision, auditStatements(ctx, [change], holdsDecision(decision)));
    if (decided) return { ...row, status, reason, decidedAt: ctx.at, contact: null };
    row = await rowOr404(db, row.id);
  }
  if (row.status === status && status === 'accepted') return row;
  throw new AppError('already-decided', `This suggestion was already ${row.status} on ${row.decidedAt}.`);
}

export async function declineSuggestion(db: Db, ctx: WriteContext, id: string, reason: string): Promise<AdminSuggestion> {
  const row = await decide(db, ctx, await rowOr404(db, id), 'declined', reason);
  return adminView(row, []);
}

const IMPORT_HEADER = ['town', 'list', 'status', 'effective_date', 'document', 'province', 'note', 'source_urls', 'suggestion'] as const;

/**
 * The import row a suggestion proposes: the town (its id when known, else its
 * name with the province), the list, the status and date proposed, the
 * document number or the URL given as source, an empty note (the public note
 * of an event is staff's to write), and the suggestion's receipt,
 * which credits the public on the events. Staff may edit it in a spreadsheet
 * before sending it, so its cells are neutralised as every download's are (the
 * sender's text is the public's: `=HYPERLINK(…)` as a town name must stay text);
 * the import reads them back without the `'`.
 */
export function importRowOf(row: SuggestionRow): string {
  const values: Record<(typeof IMPORT_HEADER)[number], string> = {
    town: row.townId ?? row.townName ?? '',
    list: row.listId ?? '',
    status: row.proposedStatus ?? '',
    effective_date: row.proposedDate ?? '',
    document: row.sourceKind === 'document_number' ? row.source : '',
    province: row.townId ? '' : (row.province ?? ''),
    // Left for staff: the sender's words were promised to the status page only, and an event's note is public.
    note: '',
    source_urls: row.sourceKind === 'url' ? row.source : '',
    suggestion: row.id,
  };
  return `${IMPORT_HEADER.join(',')}\r\n${IMPORT_HEADER.map((k) => csvField(values[k])).join(',')}\r\n`;
}

/**
 * Accepts a suggestion (audited; its contact details are deleted) and gives
 * the import row it proposes with the dry run of that row: nothing is written
 * to the lists. Staff then send the row, edited if need be, to the import,
 * which applies every check of a notice. Accepting an accepted suggestion
 * again gives the row and its dry run again, and records nothing more.
 */
export async function acceptSuggestion(
  db: Db,
  ctx: WriteContext,
  id: string,
): Promise<{ suggestion: AdminSuggestion; csv: string; report: ImportReport }> {
  const row = await decide(db, ctx, await rowOr404(db, id), 'accepted', null);
  const csv = importRowOf(row);
  const { report } = await importNotice(db, ctx, csv, true);
  return { suggestion: adminView(row, await eventsOf(db, [row])), csv, report };
}
