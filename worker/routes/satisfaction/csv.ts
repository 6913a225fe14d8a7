import type { CsvColumn } from '../../lib/csv.ts';
import type { SurveyResult } from '../../services/surveys/results.ts';

/** One row per group, survey version and dimension; a suppressed group is one row with no figures. */
export interface ResultRow {
  key: string;
  survey: SurveyResult;
  dimension: SurveyResult['dimensions'][number] | null;
}

export function resultRows(key: string, surveys: SurveyResult[]): ResultRow[] {
  return surveys.flatMap((survey): ResultRow[] =>
    survey.dimensions.length ? survey.dimensions.map((dimension) => ({ key, survey, dimension })) : [{ key, survey, dimension: null }],
  );
}

export const RESULT_CSV: CsvColumn<ResultRow>[] = [
  ['key', (r) => r.key],
  ['survey_id', (r) => r.survey.survey_id],
  ['version_id', (r) => r.survey.version_id],
  ['responses', (r) => r.survey.responses],
  ['suppressed', (r) => r.survey.suppressed || (r.dimension?.suppressed ?? false)],
  ['dimension', (r) => r.dimension?.dimension],
  ['dimension_zh', (r) => r.dimension?.label.zh],
  ['dimension_en', (r) => r.dimension?.label.en],
  ['n', (r) => r.dimension?.n],
  ['score', (r) => r.dimension?.score],
  ['ci_low', (r) => r.dimension?.ci_low],
  ['ci_high', (r) => r.dimension?.ci_high],
  ['nps', (r) => r.survey.nps?.score],
];
