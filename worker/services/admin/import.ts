import type { Db } from '../../db/client.ts';
import { errorText } from '../../db/errors.ts';
import {
  selectAdminIdempotency,
  selectListsByIds,
  selectMembershipState,
  selectSourcesByRef,
  selectTownNames,
} from '../../db/queries/admin-context.ts';
import { jsonInsert } from '../../db/queries/batch.ts';
import { selectSuggestionStates } from '../../db/queries/suggestions.ts';
import { adminIdempotency } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { CONFIDENCES } from '../../lib/confidence.ts';
import { parseCsvRecords } from '../../lib/csv-parse.ts';
import { parseSourceDate } from '../../lib/dates.ts';
import { sha256Hex } from '../../lib/hash.ts';
import { isStatus, STATUSES } from '../../lib/statuses.ts';
import type { ImportProblem, ImportReport } from '../../schemas/admin.ts';
import type { WriteContext } from './audit.ts';
import { commitWithRetry, eventWriteStatements } from './commit.ts';
import { importFieldProblem } from './import-field-problems.ts';
import { type EventInput, planEvents, problem } from './plan-events.ts';

export const REQUIRED_COLUMNS = ['town', 'list', 'status', 'effective_date', 'document'] as const;
/** `suggestion`: the receipt of an accepted public suggestion the row records; its events then credit the public. */
export const OPTIONAL_COLUMNS = [
  'province',
  'status_raw',
  'listed_as',
  'confidence',
  'source_urls',
  'note',
  'supersedes',
  'suggestion',
] as const;
/** A notice names at most a few hundred towns; the cap keeps one import within one Worker invocation's time. */
export const MAX_IMPORT_ROWS = 2000;

type TownName = { id: string; name: string; province: string };

/** The same limits as the JSON API's fields (schemas/admin.ts), so that a CSV cannot store what the API refuses. */
const MAX_LENGTH: Partial<Record<string, number>> = {
  province: 20,
  status_raw: 100,
  listed_as: 100,
  note: 1000,
  source_urls: 5000,
  suggestion: 100,
};

/** Cells that cannot be stored as given: NUL (refused by every text field of the API) and text over its field's limit. */
function cellProblems(line: number, values: Record<string, string>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const [column, value] of Object.entries(values)) {
    if (value.includes('\u0000'))
      problems.push(problem(line, 'invalid-value', `${column} must not contain the NUL character (U+0000).`, column));
    const max = MAX_LENGTH[column];
    if (max !== undefined && value.length > max)
      problems.push(problem(line, 'invalid-value', `${column} is ${value.length} characters long; at most ${max}.`, column));
  }
  return problems;
}

/** Edit distance between two short names (two rows of the dynamic programme). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to five known towns whose name contains, is contained in, or is a couple of edits from `name`. */
function closeMatches(name: string, province: string | undefined, towns: TownName[]): TownName[] {
  const pool = province ? towns.filter((t) => t.province === province) : towns;
  return pool
    .map((t) => ({ t, d: t.name.includes(name) || name.includes(t.name) ? 0.5 : distance(name, t.name) }))
    .filter(({ d }) => d <= Math.max(1, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.t.id.localeCompare(b.t.id))
    .slice(0, 5)
    .map(({ t }) => t);
}

/**
 * Validates a published notice given as CSV and, unless `dryRun`, writes it:
 * every row's event (and the memberships new entries create), their audit
 * entries and the lists' rollups in one D1 batch, so the import lands whole
 * or not at all. A run with any problem writes nothing and says why, row by row.
 */
export async function importNotice(
  db: Db,
  ctx: WriteContext,
  csv: string,
  dryRun: boolean,
  idempotencyKey?: string,
): Promise<{ report: ImportReport; replayed: boolean }> {
  if (dryRun || !idempotencyKey) return { report: await checkOrImport(db, ctx, csv, dryRun), replayed: false };
  const fingerprint = await sha256Hex(csv);
  const replay = async () => {
    const stored = await selectAdminIdempotency(db, idempotencyKey);
    if (!stored) return null;
    if (stored.fingerprint !== fingerprint) throw new AppError('idempotency-key-reused', 'This Idempotency-Key was used for another file.');
    return { report: stored.report as ImportReport, replayed: true };
  };
  const previous = await replay();
  if (previous) return previous;
  try {
    return { report: await checkOrImport(db, ctx, csv, false, { key: idempotencyKey, fingerprint }), replayed: false };
  } catch (err) {
    // The same key sent twice at once: the other request stored its import first; answer with its report.
    if (/UNIQUE constraint failed: admin_idempotency\.key/.test(errorText(err))) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw err;
  }
}

/**
 * Whether a row may credit the public with suggestion `id`: only one staff
 * accepted (a received one is undecided, a declined one was refused), and only
 * on the list and town it was about, so that the credit names what the public
 * actually suggested. A town the suggestion only named (an addition) may be
 * spelled as staff find it.
 */
function creditProblems(
  line: number,
  id: string,
  s: { status: string; listId: string | null; townId: string | null } | undefined,
  listId: string | undefined,
  townId: string | undefined,
): ImportProblem[] {
  if (s?.status !== 'accepted') {
    return [
      problem(
        line,
        'unknown-suggestion',
        s
          ? `Suggestion ${id} is ${s.status}; accept it first (POST /api/v1/admin/suggestions/{suggestion}/accept).`
          : `No suggestion "${id}".`,
        'suggestion',
      ),
    ];
  }
  const problems: ImportProblem[] = [];
  if (s.listId && listId && s.listId !== listId)
    problems.push(problem(line, 'suggestion-mismatch', `Suggestion ${id} is about the list ${s.listId}, not ${listId}.`, 'suggestion'));
  if (s.townId && townId && s.townId !== townId)
    problems.push(problem(line, 'suggestion-mismatch', `Suggestion ${id} is about the town ${s.townId}, not ${townId}.`, 'suggestion'));
  return problems;
}

type CsvRecord = ReturnType<typeof parseCsvRecords>['records'][number];

/**
 * Parse → resolve rows → plan (→ commit): the file as a whole first, then each row against the catalogue, then
 * the rows' events against the memberships and events stored now. Every problem of every stage is reported;
 * only a file with none is written.
 */
async function checkOrImport(
  db: Db,
  ctx: WriteContext,
  csv: string,
  dryRun: boolean,
  key?: { key: string; fingerprint: string },
): Promise<ImportReport> {
  const report: ImportReport = { dry_run: dryRun, valid: false, rows: 0, problems: [], memberships_created: 0, events: [] };
  const parsed = parseNotice(csv);
  report.rows = parsed.records.length;
  report.problems.push(...parsed.problems);
  if (report.problems.length) return finish(report, dryRun);
  const resolved = await resolveRows(db, parsed.records);
  report.problems.push(...resolved.problems);
  return commitWithRetry(db, () => planImport(db, ctx, report, resolved.inputs, dryRun, key));
}

/** The file as a whole: CSV with the required columns and between one and MAX_IMPORT_ROWS rows. */
function parseNotice(csv: string): { records: CsvRecord[]; problems: ImportProblem[] } {
  let parsed: ReturnType<typeof parseCsvRecords>;
  try {
    parsed = parseCsvRecords(csv);
  } catch (err) {
    return { records: [], problems: [problem(0, 'invalid-value', `The file is not valid CSV: ${(err as Error).message}.`)] };
  }
  const rows = parsed.records.length;
  const problems: ImportProblem[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !parsed.header.includes(c));
  for (const column of missing)
    problems.push(problem(0, 'missing-column', `The header has no "${column}" column (needed: ${REQUIRED_COLUMNS.join(', ')}).`, column));
  if (rows === 0 && !missing.length) problems.push(problem(0, 'invalid-value', 'The file has a header but no rows.'));
  if (rows > MAX_IMPORT_ROWS)
    problems.push(problem(0, 'too-many-rows', `${rows} rows; split the file into parts of at most ${MAX_IMPORT_ROWS}.`));
  return { records: parsed.records, problems };
}

/** What the rows name, read at once for the whole file. */
type Catalogue = {
  towns: TownName[];
  townById: Map<string, TownName>;
  listById: Map<string, { id: string; kind: string }>;
  sources: { id: string; documentNumber: string | null; publishedOn: string | null; urls: string[] }[];
  suggestionStates: Awaited<ReturnType<typeof selectSuggestionStates>>;
};

/** Each row against the catalogue: the events of the rows that name what exists, and the problems of the others. */
async function resolveRows(db: Db, records: CsvRecord[]): Promise<{ inputs: EventInput[]; problems: ImportProblem[] }> {
  const [towns, lists, sources, suggestionStates] = await Promise.all([
    selectTownNames(db),
    selectListsByIds(db, [...new Set(records.map((r) => r.values.list!))]),
    selectSourcesByRef(db, [...new Set(records.map((r) => r.values.document!))]),
    selectSuggestionStates(db, [...new Set(records.map((r) => r.values.suggestion ?? '').filter(Boolean))]),
  ]);
  const catalogue: Catalogue = {
    towns,
    townById: new Map(towns.map((t) => [t.id, t])),
    listById: new Map(lists.map((l) => [l.id, l])),
    sources,
    suggestionStates,
  };
  const inputs: EventInput[] = [];
  const problems: ImportProblem[] = [];
  for (const { line, values } of records) {
    const row = resolveRow(line, values, catalogue);
    if ('input' in row) inputs.push(row.input);
    else problems.push(...row.problems);
  }
  return { inputs, problems };
}

/** One row: its event to plan, or every problem that keeps it from being one. */
function resolveRow(
  line: number,
  v: Record<string, string>,
  { towns, townById, listById, sources, suggestionStates }: Catalogue,
): { input: EventInput } | { problems: ImportProblem[] } {
  const problems = cellProblems(line, v);
  let town = townById.get(v.town!);
  if (!town) {
    const named = towns.filter((t) => t.name === v.town && (!v.province || t.province === v.province));
    if (named.length === 1) town = named[0];
    else if (named.length > 1)
      problems.push(
        problem(
          line,
          'ambiguous-town',
          `${named.length} towns are called ${v.town}; give the town id or a province column.`,
          'town',
          named.slice(0, 5),
        ),
      );
    else
      problems.push(
        problem(
          line,
          'unknown-town',
          `No town "${v.town}"${v.province ? ` in ${v.province}` : ''}. Create it first if the notice names a new town.`,
          'town',
          closeMatches(v.town!, v.province || undefined, towns),
        ),
      );
  }
  const list = listById.get(v.list!);
  if (!list) problems.push(problem(line, 'unknown-list', `No list "${v.list}" (use the list id).`, 'list'));
  if (!isStatus(v.status!))
    problems.push(problem(line, 'invalid-value', `"${v.status}" is not a status; use one of ${STATUSES.join(', ')}.`, 'status'));
  const matches = sources.filter((s) => s.id === v.document || s.documentNumber === v.document);
  if (matches.length !== 1) {
    problems.push(
      matches.length
        ? problem(line, 'unknown-document', `${matches.length} documents have the number ${v.document}; use the source id.`, 'document')
        : problem(line, 'unknown-document', `No source document with id or number "${v.document}"; create it first.`, 'document'),
    );
  }
  const source = matches[0];
  const date = v.effective_date || source?.publishedOn || '';
  if (!parseSourceDate(date).date)
    problems.push(
      problem(
        line,
        'invalid-value',
        `"${v.effective_date}" is not a date (YYYY-MM-DD, YYYY-MM or YYYY), and the document gives none.`,
        'effective_date',
      ),
    );
  if (v.confidence && !(CONFIDENCES as readonly string[]).includes(v.confidence))
    problems.push(problem(line, 'invalid-value', 'confidence is high, medium or low.', 'confidence'));
  if (v.supersedes && !/^[1-9]\d{0,12}$/.test(v.supersedes))
    problems.push(problem(line, 'invalid-value', 'supersedes is the id of an event.', 'supersedes'));
  if (v.suggestion) problems.push(...creditProblems(line, v.suggestion, suggestionStates.get(v.suggestion), list?.id, town?.id));
  const urls = (v.source_urls ?? '').split(/\s+/).filter(Boolean);
  if (urls.some((u) => !/^https?:\/\/\S+$/.test(u)))
    problems.push(problem(line, 'invalid-value', 'source_urls holds http(s) URLs separated by spaces.', 'source_urls'));
  if (problems.length) return { problems };
  return {
    input: {
      row: line,
      townId: town!.id,
      listId: list!.id,
      listKind: list!.kind,
      status: v.status as EventInput['status'],
      effectiveDate: date,
      sourceId: source!.id,
      statusRaw: v.status_raw || null,
      confidence: v.confidence || 'high',
      sourceUrls: urls.length ? urls : source!.urls,
      note: v.note || null,
      listedAs: v.listed_as || null,
      supersedes: v.supersedes ? Number(v.supersedes) : null,
      suggestionId: v.suggestion || null,
    },
  };
}

/**
 * The resolved events against the memberships and events stored now (read again on every attempt of
 * commitWithRetry): the final report, and, unless a dry run, the statements that write it and its Idempotency-Key.
 */
async function planImport(
  db: Db,
  ctx: WriteContext,
  report: ImportReport,
  inputs: EventInput[],
  dryRun: boolean,
  key?: { key: string; fingerprint: string },
) {
  const state = await selectMembershipState(
    db,
    inputs.map((i) => ({ townId: i.townId, listId: i.listId })),
  );
  const plan = planEvents(inputs, state, { actor: ctx.actor.name, at: ctx.at });
  const result: ImportReport = {
    ...report,
    problems: [...report.problems, ...plan.problems].sort((a, b) => a.row - b.row),
    memberships_created: plan.memberships.length,
    events: plan.events.map((e, i) => ({
      row: plan.origins[i]!.row,
      event_id: dryRun ? null : e.id,
      town_id: e.townId,
      list_id: e.listId,
      status: e.status as EventInput['status'],
      effective_date: e.effectiveDate,
      new_membership: plan.origins[i]!.newMembership,
    })),
  };
  const final = finish(result, dryRun);
  const keyRow = key
    ? jsonInsert(adminIdempotency, [{ key: key.key, fingerprint: key.fingerprint, report: final, createdAt: ctx.at }])
    : [];
  return { statements: dryRun ? [] : [...eventWriteStatements(ctx, plan, 'import'), ...keyRow], result: final };
}

/** A report with problems is valid for nothing: a real run refuses it whole with a 422. */
function finish(report: ImportReport, dryRun: boolean): ImportReport {
  report.valid = report.problems.length === 0;
  if (!report.valid && !dryRun) {
    throw new AppError(
      'write-rejected',
      `The import has ${report.problems.length} problem(s); nothing was written. Run it with dry_run=true for the full report.`,
      {
        errors: report.problems
          .slice(0, 100)
          .map((p) => importFieldProblem(p, p.row ? `row ${p.row}${p.column ? `: ${p.column}` : ''}` : (p.column ?? 'file'))),
      },
    );
  }
  return report;
}
