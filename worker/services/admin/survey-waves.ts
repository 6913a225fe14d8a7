import type { Db } from '../../db/client.ts';
import { errorText } from '../../db/errors.ts';
import { waveAuditStatement } from '../../db/queries/audit.ts';
import { runBatch } from '../../db/queries/batch.ts';
import { selectFirstAndLastResponse } from '../../db/queries/surveys.ts';
import {
  type Publication,
  selectWave,
  WAVE_BACKWARDS,
  WAVE_CHANGED,
  WAVE_OVERLAP,
  type WaveRow,
  waveInsert,
  waveUpdate,
} from '../../db/queries/waves.ts';
import { AppError } from '../../errors.ts';
import { currentWave, definitionsOf, findSurvey, getSurvey, type Wave, waveOf } from '../surveys/definitions.ts';
import type { WriteContext } from './audit.ts';

export interface WaveInput {
  id: string;
  version_id?: string;
  name: { zh: string; en: string };
  opens_at: string;
  closes_at: string | null;
  publication: Publication;
}

export interface WaveChange {
  name?: { zh: string; en: string };
  opens_at?: string;
  closes_at?: string | null;
  publication?: Publication;
}

/** The database's refusals of a wave (migration 0007) in words staff can act on. */
function refused(err: unknown): AppError | null {
  const text = errorText(err);
  if (WAVE_OVERLAP.test(text))
    return new AppError(
      'write-rejected',
      'The wave would overlap another wave of this survey: a response must belong to exactly one wave. Close or move the other wave first.',
      { errors: [{ name: 'opens_at', in: 'body', code: 'conflict', detail: 'Overlaps another wave of the survey' }] },
    );
  if (WAVE_BACKWARDS.test(text))
    return new AppError('write-rejected', 'A wave must open before it closes.', {
      errors: [{ name: 'closes_at', in: 'body', code: 'invalid', detail: 'Not after opens_at' }],
    });
  if (/UNIQUE constraint failed: survey_waves\.id/.test(text))
    return new AppError('already-exists', 'A wave with this id exists already.', {
      errors: [{ name: 'id', in: 'body', code: 'conflict', detail: 'Already used' }],
    });
  if (WAVE_CHANGED.test(text))
    return new AppError(
      'write-rejected',
      'A response arrived while the wave was being changed, and the change would now leave it outside the wave (or the wave now has responses, which fix its rule and its closing). Nothing was changed; look at the wave again.',
    );
  return null;
}

async function commit(db: Db, statements: Parameters<typeof runBatch>[1]): Promise<void> {
  try {
    await runBatch(db, statements);
  } catch (err) {
    throw refused(err) ?? err;
  }
}

/**
 * Schedules a new wave of a survey (or opens one now, with `opens_at` now).
 * Its questionnaire is a version of the survey (the highest by default). The
 * audit entry is written in the same batch; the database refuses a wave that
 * overlaps another of the survey.
 */
export async function createWave(db: Db, ctx: WriteContext, surveyId: string, input: WaveInput): Promise<Wave> {
  const survey = await findSurvey(db, surveyId);
  const versionId = input.version_id ?? survey.latestVersionId;
  if (!versionId.startsWith(`${surveyId}-v`) || !(await definitionsOf(db, [versionId])).has(versionId)) {
    throw new AppError('unknown-reference', `No version "${versionId}" of the survey "${surveyId}".`, {
      errors: [{ name: 'version_id', in: 'body', code: 'not-found', detail: 'Unknown version of this survey' }],
    });
  }
  const wave: Omit<WaveRow, 'origin'> = {
    id: input.id,
    surveyId,
    versionId,
    name: input.name.zh,
    nameEn: input.name.en,
    opensAt: input.opens_at,
    closesAt: input.closes_at,
    publication: input.publication,
  };
  const audit = { at: ctx.at, actor: ctx.actor.name, requestId: ctx.requestId };
  const after = {
    survey_id: surveyId,
    version_id: versionId,
    name: wave.name,
    name_en: wave.nameEn,
    opens_at: wave.opensAt,
    closes_at: wave.closesAt,
    publication: wave.publication,
  };
  await commit(db, [waveAuditStatement(audit, 'create', wave.id, after), waveInsert(db, wave)]);
  return waveOf({ ...wave, origin: 'admin' }, new Date(ctx.at));
}

/**
 * Reschedules, opens, closes, renames a wave or changes its publication rule.
 * A wave keeps the responses it has: it cannot be moved so that one of them
 * would fall outside it, and its questionnaire never changes.
 *
 * Nor can a change publish two states of a wave's results that are closer
 * than its rule allows, since their difference would single out the
 * respondents in between: a wave with responses keeps its publication rule
 * (a live wave switched to `after_close` and closed would publish its final
 * state a few responses after its last step), and a wave published after
 * closing is not reopened once closed with responses (its final results are
 * out; a second closing would publish others). A new wave does either.
 */
export async function updateWave(db: Db, ctx: WriteContext, surveyId: string, waveId: string, change: WaveChange): Promise<Wave> {
  const wave = await selectWave(db, waveId);
  if (!wave || wave.surveyId !== surveyId) throw new AppError('not-found', `The survey "${surveyId}" has no wave "${waveId}".`);
  const opensAt = change.opens_at ?? wave.opensAt;
  const closesAt = change.closes_at === undefined ? wave.closesAt : change.closes_at;
  const held = await selectFirstAndLastResponse(db, waveId);
  if (held.first && (opensAt > held.first || (closesAt !== null && closesAt <= held.last!))) {
    throw new AppError(
      'write-rejected',
      `The wave holds responses from ${held.first} to ${held.last}; it must stay open over all of them.`,
      {
        errors: [
          {
            name: opensAt > held.first ? 'opens_at' : 'closes_at',
            in: 'body',
            code: 'conflict',
            detail: 'Would leave responses outside the wave',
          },
        ],
      },
    );
  }
  if (held.first && change.publication && change.publication !== wave.publication) {
    throw new AppError(
      'write-rejected',
      `The wave holds responses, so its publication rule (${wave.publication}) is fixed: switching it would publish a state of its results fewer than 10 responses away from one already published, or about to be, and the difference would single out the respondents in between. Schedule a new wave with the other rule instead.`,
      {
        errors: [{ name: 'publication', in: 'body', code: 'conflict', detail: 'Fixed once the wave has responses' }],
      },
    );
  }
  const reopens = closesAt === null || closesAt > ctx.at;
  if (held.first && wave.publication === 'after_close' && wave.closesAt !== null && wave.closesAt <= ctx.at && reopens) {
    throw new AppError(
      'write-rejected',
      `The wave closed at ${wave.closesAt} and its final results are published: reopening it would publish other final results later, and the difference of the two would single out the respondents in between. Schedule a new wave instead.`,
      {
        errors: [{ name: 'closes_at', in: 'body', code: 'conflict', detail: 'A closed wave published after closing cannot be reopened' }],
      },
    );
  }
  const set = {
    ...(change.name ? { name: change.name.zh, nameEn: change.name.en } : {}),
    ...(change.opens_at !== undefined ? { opensAt } : {}),
    ...(change.closes_at !== undefined ? { closesAt } : {}),
    ...(change.publication ? { publication: change.publication } : {}),
  };
  const logged = {
    ...(change.name ? { name: change.name.zh, name_en: change.name.en } : {}),
    ...(change.opens_at !== undefined ? { opens_at: opensAt } : {}),
    ...(change.closes_at !== undefined ? { closes_at: closesAt } : {}),
    ...(change.publication ? { publication: change.publication } : {}),
  };
  const audit = { at: ctx.at, actor: ctx.actor.name, requestId: ctx.requestId };
  // Changing the rule, or reopening a closed wave published after closing, is allowed only while the wave has no
  // response: the statement checks that again, as it checks that no response falls outside the new window.
  const noResponses =
    (change.publication !== undefined && change.publication !== wave.publication) ||
    (wave.publication === 'after_close' && wave.closesAt !== null && wave.closesAt <= ctx.at && reopens);
  await commit(db, [waveAuditStatement(audit, 'update', waveId, logged), waveUpdate(db, waveId, set, { opensAt, closesAt, noResponses })]);
  return waveOf({ ...wave, ...set, origin: 'admin' }, new Date(ctx.at));
}

/**
 * The window of a survey, as the API had it before waves: it is the window of
 * the survey's wave in question (open now, else the next, else the last).
 * `opens_at` null keeps the wave's opening; `closes_at` null leaves it open.
 */
export async function setSurveyWindow(
  db: Db,
  ctx: WriteContext,
  surveyId: string,
  window: { opens_at: string | null; closes_at: string | null },
) {
  const survey = await findSurvey(db, surveyId, new Date(ctx.at));
  const wave = currentWave(survey.waves, new Date(ctx.at));
  if (!wave)
    throw new AppError(
      'write-rejected',
      `The survey "${surveyId}" has no wave; schedule one with POST /api/v1/admin/surveys/${surveyId}/waves.`,
    );
  await updateWave(db, ctx, surveyId, wave.id, { ...(window.opens_at ? { opens_at: window.opens_at } : {}), closes_at: window.closes_at });
  const { description: _d, dimensions: _dims, sections: _s, ...summary } = await getSurvey(db, surveyId, new Date(ctx.at));
  return summary;
}
