import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { surveyWaves } from '../survey-schema.ts';

export const PUBLICATIONS = ['after_close', 'live_in_steps'] as const;
export type Publication = (typeof PUBLICATIONS)[number];

export interface WaveRow {
  id: string;
  surveyId: string;
  versionId: string;
  name: string;
  nameEn: string;
  opensAt: string;
  closesAt: string | null;
  publication: Publication;
  origin: string;
}

/** Every wave, or those of one survey, in the order they open (a handful of rows). */
export async function selectWaves(db: Db, surveyId?: string): Promise<WaveRow[]> {
  const query = db.select().from(surveyWaves);
  const rows = surveyId
    ? await query.where(eq(surveyWaves.surveyId, surveyId)).orderBy(asc(surveyWaves.opensAt))
    : await query.orderBy(asc(surveyWaves.surveyId), asc(surveyWaves.opensAt));
  return rows as WaveRow[];
}

export async function selectWave(db: Db, id: string): Promise<WaveRow | undefined> {
  return (await db.select().from(surveyWaves).where(eq(surveyWaves.id, id)).get()) as WaveRow | undefined;
}

/** A new wave, to run in one batch with its audit entry. */
export function waveInsert(db: Db, wave: Omit<WaveRow, 'origin'>) {
  return db.insert(surveyWaves).values({ ...wave, origin: 'admin' });
}

/**
 * A change of a wave, to run in one batch with its audit entry; staff's changes are never undone by a reload of
 * data/. The checks made before it against the wave's responses are made again by the statement itself: a
 * response that arrived in between and that the new window would leave out (or, with `noResponses`, any
 * response) makes it set opens_at to NULL, which the NOT NULL constraint refuses (WAVE_CHANGED), rolling back
 * the whole batch, its audit entry included.
 */
export function waveUpdate(
  db: Db,
  id: string,
  change: Partial<Pick<WaveRow, 'name' | 'nameEn' | 'opensAt' | 'closesAt' | 'publication'>>,
  keep: { opensAt: string; closesAt: string | null; noResponses: boolean },
) {
  const outside = sql`EXISTS (SELECT 1 FROM responses r WHERE r.wave_id = ${id}
    AND (r.submitted_at < ${keep.opensAt} OR (${keep.closesAt} IS NOT NULL AND r.submitted_at >= ${keep.closesAt})))`;
  const any = keep.noResponses ? sql`EXISTS (SELECT 1 FROM responses r WHERE r.wave_id = ${id})` : sql`0`;
  return db
    .update(surveyWaves)
    .set({ ...change, opensAt: sql`CASE WHEN ${outside} OR ${any} THEN NULL ELSE ${keep.opensAt} END`, origin: 'admin' })
    .where(eq(surveyWaves.id, id));
}

/** How the database refuses a wave change that a response arriving in between would contradict (see waveUpdate). */
export const WAVE_CHANGED = /NOT NULL constraint failed: survey_waves\.opens_at/;

/** How the database refuses waves of one survey that overlap, or a wave that closes before it opens (migration 0007). */
export const WAVE_OVERLAP = /waves of one survey must not overlap/;
export const WAVE_BACKWARDS = /a wave must open before it closes/;
