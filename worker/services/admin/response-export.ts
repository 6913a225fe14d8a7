import type { Db } from '../../db/client.ts';
import { insertExportAudit } from '../../db/queries/audit.ts';
import { findSurvey } from '../surveys/definitions.ts';
import { type ExportedResponse, iterateResponses } from '../surveys/export.ts';
import type { WriteContext } from './audit.ts';

/**
 * Raw responses are personal data, so every export is recorded before any of
 * it is read: who (the token), which survey, in which format, how many
 * responses, and when. The export then holds exactly the responses the entry
 * counts (those submitted up to its time). If the entry cannot be written,
 * this throws and nothing is served.
 */
export async function exportResponses(
  db: Db,
  ctx: WriteContext,
  surveyId: string,
  format: 'csv' | 'ndjson',
): Promise<{ rows: number; pages: AsyncGenerator<ExportedResponse[]> }> {
  await findSurvey(db, surveyId);
  const rows = await insertExportAudit(db, { at: ctx.at, actor: ctx.actor.name, requestId: ctx.requestId }, surveyId, format);
  return { rows, pages: await iterateResponses(db, surveyId, { submittedUpTo: ctx.at }) };
}
