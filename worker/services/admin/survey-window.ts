import type { Db } from '../../db/client.ts';
import { surveyWindowAuditStatement } from '../../db/queries/audit.ts';
import { runBatch } from '../../db/queries/batch.ts';
import { surveyWindowUpdate } from '../../db/queries/surveys.ts';
import { findSurvey, getSurvey, type SurveySummary } from '../surveys/definitions.ts';
import type { WriteContext } from './audit.ts';

/**
 * Opens or closes a survey by setting its window. The audit entry (the window
 * before and after) is written in the same D1 batch as the change: both land or neither.
 */
export async function setSurveyWindow(db: Db, ctx: WriteContext, id: string, window: { opens_at: string | null; closes_at: string | null }): Promise<SurveySummary> {
  await findSurvey(db, id);
  const after = { opens_at: window.opens_at, closes_at: window.closes_at };
  const author = { at: ctx.at, actor: ctx.actor.name, requestId: ctx.requestId };
  await runBatch(db, [surveyWindowAuditStatement(author, id, after), surveyWindowUpdate(db, id, after.opens_at, after.closes_at)]);
  // Read again (this isolate's copy of the survey included), so the answer shows the window as stored.
  const { description: _description, dimensions: _dimensions, sections: _sections, ...summary } = await getSurvey(db, id, new Date(ctx.at));
  return summary;
}
