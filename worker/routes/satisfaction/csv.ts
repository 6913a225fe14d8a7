import type { CsvColumn } from '../../lib/csv.ts';
import type { SurveyResult } from '../../services/surveys/results.ts';

/** One row per group, wave and dimension; a suppressed group is one row with no figures. Counts of answers are never in it. */
export interface ResultRow {
  key: string;
  survey: SurveyResult;
  dimension: SurveyResult['dimensions'][number] | null;
}

function ipaOf(r: ResultRow) {
  return r.dimension ? r.survey.ipa?.functions.find((f) => f.function === r.dimension!.dimension) : undefined;
}

export function resultRows(key: string, surveys: SurveyResult[]): ResultRow[] {
  return surveys.flatMap((survey): ResultRow[] =>
    survey.dimensions.length ? survey.dimensions.map((dimension) => ({ key, survey, dimension })) : [{ key, survey, dimension: null }],
  );
}

export const RESULT_CSV: CsvColumn<ResultRow>[] = [
  ['key', (r) => r.key],
  ['survey_id', (r) => r.survey.survey_id],
  ['wave_id', (r) => r.survey.wave_id],
  ['version_id', (r) => r.survey.version_id],
  ['published', (r) => r.survey.published],
  ['responses', (r) => r.survey.responses],
  ['small_sample', (r) => r.survey.small_sample],
  ['duplicates_excluded_percent', (r) => r.survey.duplicates_excluded_percent],
  ['suppressed', (r) => r.survey.suppressed || (r.dimension?.suppressed ?? false)],
  ['dimension', (r) => r.dimension?.dimension],
  ['dimension_zh', (r) => r.dimension?.label.zh],
  ['dimension_en', (r) => r.dimension?.label.en],
  ['n', (r) => r.dimension?.n],
  ['score', (r) => r.dimension?.score],
  ['ci_low', (r) => r.dimension?.ci_low],
  ['ci_high', (r) => r.dimension?.ci_high],
  ['previous_wave_id', (r) => r.dimension?.previous?.wave_id],
  ['previous_score', (r) => r.dimension?.previous?.score],
  ['previous_ci_low', (r) => r.dimension?.previous?.ci_low],
  ['previous_ci_high', (r) => r.dimension?.previous?.ci_high],
  ['change', (r) => r.dimension?.change],
  ['beyond_ci', (r) => r.dimension?.beyond_ci],
  ['nps', (r) => r.survey.nps?.score],
  // The importance–performance analysis, on the row of each function's satisfaction dimension.
  ['ipa_importance', (r) => ipaOf(r)?.importance?.mean],
  ['ipa_quadrant', (r) => ipaOf(r)?.quadrant],
  ['ipa_gap', (r) => ipaOf(r)?.gap],
];
