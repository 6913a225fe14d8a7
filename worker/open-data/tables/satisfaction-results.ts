import type { SurveyResult } from '../../services/surveys/results.ts';
import type { Bilingual, Field, Table } from '../table.ts';

/** One row per group, wave and dimension; a suppressed group is one row with no figures. Counts of answers are never in it. */
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

function ipaOf(r: ResultRow) {
  return r.dimension ? r.survey.ipa?.functions.find((f) => f.function === r.dimension!.dimension) : undefined;
}

/** A 0–100 figure of the row. */
function score<T>(name: string, title: Bilingual, description: Bilingual, value: (r: T) => number | null | undefined): Field<T> {
  return { name, type: 'number', title, description, constraints: { minimum: 0, maximum: 100 }, value };
}

export const RESULT_FIELDS: Field<ResultRow>[] = [
  {
    name: 'key',
    type: 'string',
    title: { zh: '分组', en: 'Group' },
    description: {
      zh: '分组的键：小镇编号、省份、名单编号或状态（全部时为 all）。',
      en: 'The group: town id, province, list id or status (`all` for every town).',
    },
    constraints: { required: true },
    value: (r) => r.key,
  },
  {
    name: 'survey_id',
    type: 'string',
    title: { zh: '问卷', en: 'Survey' },
    description: { zh: '问卷编号（public 公众，enterprise 企业）。', en: 'Survey id (public or enterprise).' },
    constraints: { required: true },
    value: (r) => r.survey.survey_id,
  },
  {
    name: 'wave_id',
    type: 'string',
    title: { zh: '调查轮次', en: 'Wave' },
    description: { zh: '结果所属的调查轮次。', en: 'The wave the results are of.' },
    value: (r) => r.survey.wave_id,
  },
  {
    name: 'version_id',
    type: 'string',
    title: { zh: '问卷版本', en: 'Questionnaire version' },
    description: { zh: '该轮次使用的问卷版本。', en: 'The questionnaire version the wave asks.' },
    value: (r) => r.survey.version_id,
  },
  {
    name: 'published',
    type: 'boolean',
    title: { zh: '已公布', en: 'Published' },
    description: {
      zh: '该轮次是否已有公布的结果（按其公布规则）。',
      en: 'Whether the wave has published results yet (under its publication rule).',
    },
    value: (r) => r.survey.published,
  },
  {
    name: 'responses',
    type: 'integer',
    title: { zh: '有效答卷数', en: 'Responses' },
    description: {
      zh: '公布结果所依据的答卷数；低于最小样本时为空。',
      en: 'Responses behind the published results; empty when below the minimum sample.',
    },
    constraints: { minimum: 0 },
    value: (r) => r.survey.responses,
  },
  {
    name: 'small_sample',
    type: 'boolean',
    title: { zh: '小样本', en: 'Small sample' },
    description: { zh: '答卷少于 30 份时为 true：请谨慎解读。', en: 'True below 30 responses: read with care.' },
    value: (r) => r.survey.small_sample,
  },
  {
    name: 'duplicates_excluded_percent',
    type: 'integer',
    title: { zh: '排除的疑似重复（%）', en: 'Probable duplicates excluded (%)' },
    description: {
      zh: '未计入的疑似重复答卷占比（仅公众问卷）。',
      en: 'Share of probable duplicates left out of the counts (public survey only).',
    },
    constraints: { minimum: 0, maximum: 100 },
    value: (r) => r.survey.duplicates_excluded_percent,
  },
  {
    name: 'suppressed',
    type: 'boolean',
    title: { zh: '已隐去', en: 'Suppressed' },
    description: { zh: '样本不足最小样本而不公布时为 true。', en: 'True when withheld for being below the minimum sample.' },
    constraints: { required: true },
    value: (r) => r.survey.suppressed || (r.dimension?.suppressed ?? false),
  },
  {
    name: 'dimension',
    type: 'string',
    title: { zh: '维度', en: 'Dimension' },
    description: { zh: '满意度维度编号。', en: 'Id of the satisfaction dimension.' },
    value: (r) => r.dimension?.dimension,
  },
  {
    name: 'dimension_zh',
    type: 'string',
    title: { zh: '维度（中文）', en: 'Dimension (Chinese)' },
    description: { zh: '维度的中文名称。', en: 'Name of the dimension in Chinese.' },
    value: (r) => r.dimension?.label.zh,
  },
  {
    name: 'dimension_en',
    type: 'string',
    title: { zh: '维度（英文）', en: 'Dimension (English)' },
    description: { zh: '维度的英文名称。', en: 'Name of the dimension in English.' },
    value: (r) => r.dimension?.label.en,
  },
  {
    name: 'n',
    type: 'integer',
    title: { zh: '该维度答卷数', en: 'n' },
    description: { zh: '回答了该维度的答卷数。', en: 'Responses that answered the dimension.' },
    constraints: { minimum: 0 },
    value: (r) => r.dimension?.n,
  },
  score(
    'score',
    { zh: '得分', en: 'Score' },
    { zh: '0–100 的满意度得分（方法见 /methodology）。', en: 'Satisfaction score on 0–100 (see /methodology).' },
    (r) => r.dimension?.score,
  ),
  score(
    'ci_low',
    { zh: '置信区间下限', en: 'CI low' },
    { zh: '得分 95% 置信区间下限。', en: 'Lower bound of the 95% confidence interval of the score.' },
    (r) => r.dimension?.ci_low,
  ),
  score(
    'ci_high',
    { zh: '置信区间上限', en: 'CI high' },
    { zh: '得分 95% 置信区间上限。', en: 'Upper bound of the 95% confidence interval of the score.' },
    (r) => r.dimension?.ci_high,
  ),
  {
    name: 'previous_wave_id',
    type: 'string',
    title: { zh: '上一轮次', en: 'Previous wave' },
    description: { zh: '用于比较的上一轮次。', en: 'The previous wave compared with.' },
    value: (r) => r.dimension?.previous?.wave_id,
  },
  score(
    'previous_score',
    { zh: '上一轮得分', en: 'Previous score' },
    { zh: '上一轮次的得分。', en: 'Score in the previous wave.' },
    (r) => r.dimension?.previous?.score,
  ),
  score(
    'previous_ci_low',
    { zh: '上一轮置信区间下限', en: 'Previous CI low' },
    { zh: '上一轮次得分的置信区间下限。', en: 'Lower bound of the previous score’s interval.' },
    (r) => r.dimension?.previous?.ci_low,
  ),
  score(
    'previous_ci_high',
    { zh: '上一轮置信区间上限', en: 'Previous CI high' },
    { zh: '上一轮次得分的置信区间上限。', en: 'Upper bound of the previous score’s interval.' },
    (r) => r.dimension?.previous?.ci_high,
  ),
  {
    name: 'change',
    type: 'number',
    title: { zh: '变化', en: 'Change' },
    description: { zh: '得分减上一轮得分。', en: 'Score minus the previous score.' },
    value: (r) => r.dimension?.change,
  },
  {
    name: 'beyond_ci',
    type: 'boolean',
    title: { zh: '超出置信区间', en: 'Beyond the intervals' },
    description: { zh: '两轮的置信区间不重叠时为 true。', en: 'True when the two waves’ intervals do not overlap.' },
    value: (r) => r.dimension?.beyond_ci,
  },
  {
    name: 'nps',
    type: 'number',
    title: { zh: '净推荐值', en: 'NPS' },
    description: { zh: '净推荐值（−100 至 100）。', en: 'Net promoter score (−100 to 100).' },
    constraints: { minimum: -100, maximum: 100 },
    value: (r) => r.survey.nps?.score,
  },
  // The importance–performance analysis, on the row of each function's satisfaction dimension.
  score(
    'ipa_importance',
    { zh: '重要性（IPA）', en: 'Importance (IPA)' },
    { zh: '该政府职能的平均重要性（0–100），企业问卷。', en: 'Mean importance of the government function (0–100), enterprise survey.' },
    (r) => ipaOf(r)?.importance?.mean,
  ),
  {
    name: 'ipa_quadrant',
    type: 'string',
    title: { zh: 'IPA 象限', en: 'IPA quadrant' },
    description: {
      zh: 'concentrate（重点改进）、keep-up（继续保持）、low-priority（次要改进）、overkill（可能过度）。',
      en: 'concentrate here, keep-up the good work, low-priority, possible overkill.',
    },
    constraints: { enum: ['concentrate', 'keep-up', 'low-priority', 'overkill'] },
    value: (r) => ipaOf(r)?.quadrant,
  },
  {
    name: 'ipa_gap',
    type: 'number',
    title: { zh: 'IPA 差距', en: 'IPA gap' },
    description: { zh: '重要性减满意度。', en: 'Importance minus satisfaction.' },
    value: (r) => ipaOf(r)?.gap,
  },
];

export const SATISFACTION_RESULTS_TABLE: Table<ResultRow> = {
  name: 'satisfaction-by-province',
  title: { zh: '满意度结果（按省）', en: 'Satisfaction results by province' },
  description: {
    zh: '各省已公布小镇的满意度结果，按问卷、调查轮次和维度各一行；不足最小样本的组不公布，不含任何答案计数。',
    en: 'Satisfaction results of the published towns of each province, one row per survey, wave and dimension; groups below the minimum sample are suppressed, and no count of answers is given.',
  },
  apiPath: '/api/v1/satisfaction?group_by=province',
  fields: RESULT_FIELDS,
};
