import { type SurveyDefinition, SurveyDefinitionSchema } from '../../worker/schemas/survey-definition.ts';
import type { DatasetWave, Row } from './types.ts';
import { DataError } from './vocabulary.ts';

const WAVE_COLUMNS = ['id', 'survey', 'version', 'name', 'name_en', 'opens_at', 'closes_at', 'publication'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * data/surveys/waves.csv: each row a wave of a survey, asking one version of
 * its questionnaire. Every survey needs a wave, and the waves of a survey must
 * not overlap (the database refuses that too); instants are UTC with `Z`.
 */
export function parseWaves(rows: Row[], surveys: SurveyDefinition[]): DatasetWave[] {
  const fail = (line: number, message: string) => {
    throw new DataError(`surveys/waves.csv row ${line}: ${message}`);
  };
  const waves = rows.map((row, i): DatasetWave => {
    const line = i + 2;
    for (const column of WAVE_COLUMNS) if (!(column in row)) fail(line, `no ${column} column`);
    if (!/^[a-z][a-z0-9-]{0,60}$/.test(row.id!)) fail(line, `id "${row.id}" is not a lower-case slug`);
    const survey = surveys.find((s) => s.id === row.survey && s.version === Number(row.version));
    if (!survey) fail(line, `no questionnaire ${row.survey} version ${row.version} in data/surveys`);
    if (!INSTANT.test(row.opens_at!) || (row.closes_at && !INSTANT.test(row.closes_at)))
      fail(line, 'opens_at and closes_at are UTC instants like 2026-01-01T00:00:00Z (closes_at may be empty)');
    if (row.closes_at && row.closes_at <= row.opens_at!) fail(line, 'closes_at is not after opens_at');
    if (row.publication !== 'after_close' && row.publication !== 'live_in_steps') fail(line, 'publication is after_close or live_in_steps');
    if (!row.name || !row.name_en) fail(line, 'a wave needs a name and a name_en');
    return {
      id: row.id!,
      surveyId: row.survey!,
      versionId: `${row.survey}-v${row.version}`,
      name: row.name!,
      nameEn: row.name_en!,
      // One spelling for every instant (toISOString: milliseconds and Z), so that they compare as text.
      opensAt: new Date(row.opens_at!).toISOString(),
      closesAt: row.closes_at ? new Date(row.closes_at).toISOString() : null,
      publication: row.publication as DatasetWave['publication'],
    };
  });
  for (const survey of new Set(surveys.map((s) => s.id))) {
    const own = waves.filter((w) => w.surveyId === survey).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    if (!own.length) throw new DataError(`surveys/waves.csv: the survey ${survey} has no wave`);
    for (let i = 1; i < own.length; i++) {
      if (!own[i - 1]!.closesAt || own[i - 1]!.closesAt! > own[i]!.opensAt)
        throw new DataError(`surveys/waves.csv: the waves ${own[i - 1]!.id} and ${own[i]!.id} overlap`);
    }
  }
  return waves;
}

export function parseSurvey(raw: unknown, i: number): SurveyDefinition {
  const result = SurveyDefinitionSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new DataError(`surveys file ${i + 1}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}`);
  }
  return result.data;
}
