import type { Db } from '../../db/client.ts';
import { selectResponsePage } from '../../db/queries/surveys.ts';
import { findSurvey } from './definitions.ts';

export interface ExportedResponse {
  receipt: string;
  wave_id: string | null;
  version_id: string;
  /** Stored, but left out of the results: the same answers came from the same network earlier that day in the wave. */
  probable_duplicate: boolean;
  town_id: string;
  submitted_at: string;
  answers: Record<string, string | string[]>;
  contact: unknown;
}

/**
 * Every response of a survey, page by page in receipt order (throws `survey-not-found` first);
 * only those submitted up to `submittedUpTo` when given, so an export holds what its audit entry counted.
 */
export async function iterateResponses(
  db: Db,
  surveyId: string,
  { pageSize = 200, submittedUpTo }: { pageSize?: number; submittedUpTo?: string } = {},
): Promise<AsyncGenerator<ExportedResponse[]>> {
  await findSurvey(db, surveyId);
  return (async function* () {
    let after: string | null = null;
    for (;;) {
      const page = await selectResponsePage(db, surveyId, after, pageSize, submittedUpTo);
      if (page.length) {
        yield page.map((r) => {
          const answers: Record<string, string | string[]> = {};
          for (const a of r.answers) {
            const prev = answers[a.questionId];
            answers[a.questionId] = prev === undefined ? a.value : [...(Array.isArray(prev) ? prev : [prev]), a.value];
          }
          return {
            receipt: r.id,
            wave_id: r.waveId,
            version_id: r.surveyVersionId,
            probable_duplicate: r.probableDuplicate === 1,
            town_id: r.townId,
            submitted_at: r.submittedAt,
            answers,
            contact: r.contact,
          };
        });
      }
      if (page.length < pageSize) return;
      after = page.at(-1)!.id;
    }
  })();
}
