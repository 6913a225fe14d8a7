import type { SurveyRow } from '../../db/queries/surveys.ts';

/**
 * The last copy of each survey (current version, definition, window) this
 * isolate read from D1. Submissions use it to skip reading the survey, and
 * trust it for nothing: the write that stores a response checks in the same
 * transaction that this version is still the current one and that the window
 * is open (db/queries/submissions.ts), and when it is not, the submission
 * starts again from D1. Version definitions never change once loaded, so the
 * copy of a definition is never wrong, only possibly no longer current.
 */
const known = new Map<string, SurveyRow>();

export function knownSurvey(id: string): SurveyRow | undefined {
  return known.get(id);
}

export function rememberSurvey(row: SurveyRow): void {
  known.set(row.id, row);
}
