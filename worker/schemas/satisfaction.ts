import { z } from '@hono/zod-openapi';
import { FormatParam } from './common.ts';
import { LocalizedSchema } from './survey-definition.ts';
import { TownFilterQuery } from './towns.ts';

export const DimensionResultSchema = z
  .object({
    dimension: z.string().openapi({ description: 'Dimension id.', example: 'planning' }),
    label: LocalizedSchema,
    n: z.number().int().openapi({ description: 'Respondents who rated at least one item of the dimension.', example: 42 }),
    suppressed: z.boolean().openapi({ description: 'True when `n` is below the publication threshold: no figures are given.', example: false }),
    score: z.number().nullable().openapi({ description: 'Mean of the respondents\' dimension scores: the mean of their 1–5 ratings rescaled to 0–100.', example: 71.4 }),
    ci_low: z.number().nullable().openapi({ description: 'Lower end of the 95% confidence interval of `score` (Student\'s t).', example: 66.2 }),
    ci_high: z.number().nullable().openapi({ description: 'Upper end of the 95% confidence interval.', example: 76.6 }),
  })
  .openapi('DimensionResult');

export const DistributionSchema = z
  .object({
    question_id: z.string().openapi({ description: 'Question id.', example: 'overall' }),
    counts: z
      .array(z.object({ value: z.string().openapi({ description: 'Answer value.', example: '4' }), n: z.number().int().openapi({ description: 'How many gave it.', example: 17 }) }))
      .openapi({ description: 'How often each answer was given. Free-text answers are never published.' }),
  })
  .openapi('AnswerDistribution');

export const NpsSchema = z
  .object({
    question_id: z.string().openapi({ description: 'The 0–10 recommendation question.', example: 'recommend' }),
    n: z.number().int().openapi({ description: 'Answers.', example: 40 }),
    promoters: z.number().int().openapi({ description: 'Answers 9–10.', example: 18 }),
    passives: z.number().int().openapi({ description: 'Answers 7–8.', example: 12 }),
    detractors: z.number().int().openapi({ description: 'Answers 0–6.', example: 10 }),
    score: z.number().openapi({ description: 'Net Promoter Score: % promoters − % detractors (−100 to 100).', example: 20 }),
  })
  .openapi('NetPromoterScore');

export const SurveyResultSchema = z
  .object({
    survey_id: z.string().openapi({ description: 'Survey id.', example: 'public' }),
    version_id: z.string().openapi({ description: 'Questionnaire version the answers are to.', example: 'public-v1' }),
    responses: z.number().int().openapi({ description: 'Responses in this group.', example: 42 }),
    suppressed: z.boolean().openapi({ description: 'True when there are fewer responses than the publication threshold: no figures are given, so no respondent can be singled out.', example: false }),
    dimensions: z.array(DimensionResultSchema).openapi({ description: 'Score per dimension; empty when suppressed.' }),
    nps: NpsSchema.nullable().openapi({ description: 'Likelihood to recommend; null when suppressed or unanswered.' }),
    distributions: z.array(DistributionSchema).openapi({ description: 'Answer counts per closed question; empty when suppressed.' }),
  })
  .openapi('SurveyResult');

export const TownSatisfactionSchema = z
  .object({
    town_id: z.string().openapi({ description: 'Town id.', example: 'beijing-changgouzhen' }),
    min_sample: z.number().int().openapi({ description: 'Publication threshold: fewer responses than this are suppressed.', example: 5 }),
    surveys: z.array(SurveyResultSchema).openapi({ description: 'One entry per survey version (every current version, and older ones that have responses).' }),
  })
  .openapi('TownSatisfaction');

export const RESULT_GROUPS = ['all', 'province', 'list', 'status'] as const;

export const GroupedSatisfactionQuery = TownFilterQuery.extend({
  group_by: z.enum(RESULT_GROUPS).default('province').openapi({ description: 'How to group the towns; `all` gives one group of every matching town.', example: 'province' }),
  format: FormatParam,
}).strict();

export const GroupedSatisfactionSchema = z
  .object({
    group_by: z.enum(RESULT_GROUPS).openapi({ description: 'How the towns were grouped.', example: 'province' }),
    min_sample: z.number().int().openapi({ description: 'Publication threshold.', example: 5 }),
    groups: z
      .array(
        z.object({
          key: z.string().openapi({ description: 'Province, list id or status (`all` for group_by=all).', example: '北京市' }),
          surveys: z.array(SurveyResultSchema).openapi({ description: 'Results per survey version in this group.' }),
        }),
      )
      .openapi({ description: 'Groups that have responses.' }),
  })
  .openapi('GroupedSatisfaction');

export const SatisfactionFormatQuery = z.object({ format: FormatParam }).strict();
