import type { SurveyDefinition } from '../../schemas/survey-definition.ts';

/**
 * Questionnaire definitions this isolate has read, by version id. A version is
 * never edited once loaded (a change of wording is a new version), so a copy
 * is never wrong: submissions check their answers against it without reading
 * the definition again. Which version a wave asks, and whether it is open, is
 * read from D1 with every submission and checked again by its write.
 */
const known = new Map<string, SurveyDefinition>();

export function knownDefinition(versionId: string): SurveyDefinition | undefined {
  return known.get(versionId);
}

export function rememberDefinition(versionId: string, definition: SurveyDefinition): void {
  known.set(versionId, definition);
}
