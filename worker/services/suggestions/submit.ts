import type { Db } from '../../db/client.ts';
import { errorText } from '../../db/errors.ts';
import { selectListsByIds, selectTownsByIds } from '../../db/queries/admin-context.ts';
import { insertSuggestion, type SuggestionRow, selectSuggestionByKey } from '../../db/queries/suggestions.ts';
import { AppError, type FieldProblem } from '../../errors.ts';
import { sha256Hex } from '../../lib/hash.ts';
import { classifySource } from '../../lib/suggestion-source.ts';
import type { SuggestionInput } from '../../schemas/suggestions.ts';
import { type AbuseControls, admit, withClientKey } from '../surveys/admit.ts';

/** The limiter's budget for suggestions, apart from the questionnaires' on the same binding. */
const BUCKET = 'suggestion:';

export interface SuggestionReceipt {
  receipt: string;
  status: 'received';
  submitted_at: string;
}

export interface SuggestResult {
  receipt: SuggestionReceipt;
  replayed: boolean;
}

/**
 * What makes a retry "the same suggestion": the hash of what was suggested
 * (the token and the honeypot differ between retries), then, while contact
 * details are kept, `.` and the hash of the contact and the consent. A hash of
 * a phone number is the number to whoever tries them all, so it goes with the
 * contact: the decision cuts it off (decideSuggestion), and a decoy, which keeps
 * no contact, never stores it.
 */
async function fingerprintOf(s: SuggestionInput): Promise<string> {
  const { website: _w, turnstile_token: _t, contact, contact_consent, ...rest } = s;
  const hash = (o: object) => sha256Hex(JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))));
  const suggested = await hash(rest);
  return contact ? `${suggested}.${await hash({ contact, contact_consent })}` : suggested;
}

/** A fingerprint without its contact part. */
const suggestedPart = (fingerprint: string) => fingerprint.split('.')[0]!;

/** Whether a retry's fingerprint matches the stored one: its contact part too while the stored one has one. */
function sameSuggestion(stored: string, retry: string): boolean {
  return stored.includes('.') ? stored === retry : stored === suggestedPart(retry);
}

/** The receipt a key already stored, or 422 when that key stored another suggestion. */
function replayOf(stored: SuggestionRow, fingerprint: string): SuggestResult {
  if (!sameSuggestion(stored.fingerprint, fingerprint)) {
    throw new AppError(
      'idempotency-key-reused',
      'This Idempotency-Key was used for a different suggestion. Use a new key for a new suggestion.',
    );
  }
  return { receipt: { receipt: stored.id, status: 'received', submitted_at: stored.submittedAt }, replayed: true };
}

/** The contact details to keep: only those given, and only with consent (400 naming the field otherwise). */
function contactOf(s: SuggestionInput): Record<string, string> | null {
  const given = Object.fromEntries(Object.entries(s.contact ?? {}).filter(([, v]) => v));
  if (!Object.keys(given).length) return null;
  if (s.contact_consent !== true) {
    throw new AppError('consent-required', 'Contact details are accepted only with consent to be contacted (contact_consent = true).', {
      errors: [{ name: 'contact_consent', in: 'body', code: 'required', detail: 'Must be true to send contact details' }],
    });
  }
  return given;
}

/** The list and town the suggestion names must exist: a 400 naming each unknown one. */
async function checkReferences(db: Db, s: SuggestionInput): Promise<void> {
  const [lists, towns] = await Promise.all([
    selectListsByIds(db, s.list_id ? [s.list_id] : []),
    selectTownsByIds(db, s.town_id ? [s.town_id] : []),
  ]);
  const errors: FieldProblem[] = [];
  if (s.list_id && !lists.length)
    errors.push({ name: 'list_id', in: 'body', code: 'not-found', detail: 'Unknown list: GET /api/v1/lists lists them' });
  if (s.town_id && !towns.length) errors.push({ name: 'town_id', in: 'body', code: 'not-found', detail: 'Unknown town' });
  if (errors.length) throw new AppError('invalid-parameter', `Unknown ${errors.map((e) => e.name).join(' and ')}.`, { errors });
}

/**
 * Stores a suggestion from the public and gives its receipt. Safe to repeat:
 * the same Idempotency-Key and body return the first receipt and store nothing
 * more; the same key with another body is a 422. Every refusal (unknown list
 * or town, contact without consent) comes before Turnstile and the rate
 * limiter, which count only what is about to be stored. A filled honeypot is
 * answered like a success: the suggestion is kept as a decoy, without its
 * contact details, which staff never see.
 */
export async function submitSuggestion(db: Db, s: SuggestionInput, ctx: AbuseControls): Promise<SuggestResult> {
  const fingerprint = await fingerprintOf(s);
  const stored = await selectSuggestionByKey(db, ctx.idempotencyKey);
  if (stored) return replayOf(stored, fingerprint);
  await checkReferences(db, s);
  const contact = contactOf(s);
  const source = classifySource(s.source)!;
  await admit(withClientKey(db, ctx), s.turnstile_token, BUCKET);

  const submittedAt = ctx.now.toISOString();
  const receipt: SuggestionReceipt = { receipt: `s-${crypto.randomUUID()}`, status: 'received', submitted_at: submittedAt };
  const decoy = Boolean(s.website);
  try {
    await insertSuggestion(db, {
      id: receipt.receipt,
      kind: s.kind,
      listId: s.list_id ?? null,
      townId: s.town_id ?? null,
      townName: s.town_name ?? null,
      province: s.province ?? null,
      city: s.city ?? null,
      county: s.county ?? null,
      proposedStatus: s.proposed_status ?? null,
      proposedDate: s.proposed_date ?? null,
      detail: s.detail,
      source: source.value,
      sourceKind: source.kind,
      contact: decoy ? null : contact,
      submittedAt,
      idempotencyKey: ctx.idempotencyKey,
      fingerprint: decoy ? suggestedPart(fingerprint) : fingerprint,
      decoy,
    });
  } catch (err) {
    // A concurrent request with the same key stored first: answer with its receipt.
    if (!/UNIQUE constraint failed: suggestions\.idempotency_key/.test(errorText(err))) throw err;
    const winner = await selectSuggestionByKey(db, ctx.idempotencyKey);
    if (!winner)
      throw new AppError('idempotency-in-progress', 'A request with this Idempotency-Key is in progress; retry shortly.', {
        headers: { 'Retry-After': '1' },
      });
    return replayOf(winner, fingerprint);
  }
  return { receipt, replayed: false };
}
