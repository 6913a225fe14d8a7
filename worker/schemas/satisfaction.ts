import { z } from '@hono/zod-openapi';
import { RESULT_GROUPS } from '../lib/results-group.ts';
import { FormatParam } from './common.ts';
import { LocalizedSchema } from './survey-definition.ts';
import { WaveSchema } from './surveys.ts';
import { TownFilterQuery } from './towns.ts';

export const PreviousWaveSchema = z
  .object({
    wave_id: z.string().openapi({ description: 'The wave before, of the same survey.', example: 'enterprise-w1' }),
    score: z.number().openapi({ description: 'Its score on the same dimension.', example: 64.8 }),
    ci_low: z.number().nullable().openapi({ description: 'Lower end of its 95% interval.', example: 59.9 }),
    ci_high: z.number().nullable().openapi({ description: 'Upper end of its 95% interval.', example: 69.7 }),
  })
  .openapi('PreviousWaveScore', { description: 'The same dimension in the previous wave, where both were published.' });

export const DimensionResultSchema = z
  .object({
    dimension: z.string().openapi({ description: 'Dimension id.', example: 'planning' }),
    label: LocalizedSchema,
    n: z.number().int().openapi({ description: 'Respondents who rated at least one item of the dimension.', example: 42 }),
    suppressed: z
      .boolean()
      .openapi({ description: 'True when `n` is below the publication threshold: no figures are given.', example: false }),
    score: z.number().nullable().openapi({
      description: "Mean of the respondents' dimension scores: the mean of their 1–5 ratings rescaled to 0–100.",
      example: 71.4,
    }),
    ci_low: z
      .number()
      .nullable()
      .openapi({ description: "Lower end of the 95% confidence interval of `score` (Student's t).", example: 66.2 }),
    ci_high: z.number().nullable().openapi({ description: 'Upper end of the 95% confidence interval.', example: 76.6 }),
    previous: PreviousWaveSchema.nullable().openapi({
      description: 'The same dimension in the previous wave; null when either is not published.',
    }),
    change: z
      .number()
      .nullable()
      .openapi({ description: "Score minus the previous wave's score (one decimal); null without both.", example: 6.6 }),
    beyond_ci: z.boolean().nullable().openapi({
      description: 'True when the two 95% intervals do not overlap: a change the samples alone do not explain.',
      example: true,
    }),
  })
  .openapi('DimensionResult');

export const DistributionSchema = z
  .object({
    question_id: z.string().openapi({ description: 'Question id.', example: 'overall' }),
    grouping: z.enum(['values', 'grouped']).openapi({
      description:
        '`values`: one category per answer; `grouped`: a 1–5 scale as `bottom2` (1–2), `middle` (3) and `top2` (4–5), because a single answer value had only 1 or 2 respondents.',
      example: 'values',
    }),
    categories: z
      .array(
        z.object({
          value: z.string().openapi({ description: 'Answer value, or `bottom2` / `middle` / `top2`.', example: '4' }),
          percent: z
            .number()
            .int()
            .openapi({ description: 'Whole percentage of the answers (the categories add up to 100).', example: 40 }),
        }),
      )
      .openapi({
        description:
          'Every category that anyone chose holds at least 3 respondents; otherwise the question is merged or left out. Counts are never published, nor free text.',
      }),
    na_percent: z.number().int().nullable().openapi({
      description: 'Share of "not applicable" answers, left out of the percentages; null when the question has no such answer.',
      example: 5,
    }),
  })
  .openapi('AnswerDistribution');

export const NpsSchema = z
  .object({
    question_id: z.string().openapi({ description: 'The 0–10 recommendation question.', example: 'recommend' }),
    n: z.number().int().openapi({ description: 'Answers.', example: 40 }),
    score: z
      .number()
      .openapi({ description: 'Net Promoter Score: % promoters (9–10) − % detractors (0–6), from −100 to 100.', example: 20 }),
    promoters_percent: z.number().int().nullable().openapi({
      description: 'Whole % of promoters; null (with the two others) when one of the three groups has only 1 or 2 respondents.',
      example: 45,
    }),
    passives_percent: z.number().int().nullable().openapi({ description: 'Whole % of passives (7–8).', example: 30 }),
    detractors_percent: z.number().int().nullable().openapi({ description: 'Whole % of detractors.', example: 25 }),
  })
  .openapi('NetPromoterScore');

const EstimateSchema = z
  .object({
    n: z.number().int().openapi({ description: 'Respondents.', example: 24 }),
    mean: z.number().openapi({ description: 'Mean score, 0–100 (one decimal).', example: 78.1 }),
    ci_low: z.number().nullable().openapi({ description: 'Lower end of the 95% interval.', example: 71.3 }),
    ci_high: z.number().nullable().openapi({ description: 'Upper end of the 95% interval.', example: 84.9 }),
  })
  .openapi('IpaEstimate', { description: 'A published dimension score used by the importance–performance analysis.' });

export const IpaSchema = z
  .object({
    grand_means: z
      .object({
        importance: z.number().openapi({ description: 'Mean importance over the functions that have both estimates.', example: 76.4 }),
        satisfaction: z.number().openapi({ description: 'Mean satisfaction over the same functions.', example: 62.0 }),
      })
      .nullable()
      .openapi({ description: 'Where the quadrants split; null when no function has both estimates published.' }),
    functions: z
      .array(
        z.object({
          function: z
            .string()
            .openapi({ description: 'The government function (the id of its satisfaction dimension).', example: 'approval_services' }),
          label: LocalizedSchema,
          importance: EstimateSchema.nullable().openapi({ description: 'How much it matters; null when not published.' }),
          satisfaction: EstimateSchema.nullable().openapi({
            description: 'How well it is done (its satisfaction dimension); null when not published.',
          }),
          quadrant: z.enum(['concentrate', 'keep-up', 'low-priority', 'overkill']).nullable().openapi({
            description:
              'At the grand means (a value at the mean counts as high): `concentrate` (important, below par: act here first), `keep-up` (important, done well), `low-priority` (less important, below par), `overkill` (less important, done well). Null without both estimates.',
            example: 'concentrate',
          }),
          gap: z.number().nullable().openapi({
            description: 'Importance − satisfaction (one decimal): how far the function falls short of how much it matters.',
            example: 16.1,
          }),
        }),
      )
      .openapi({ description: 'The five functions, largest gap first: where to act first.' }),
  })
  .openapi('ImportancePerformance', {
    description: 'Importance–performance analysis of the government functions (enterprise questionnaire, version 2 on).',
  });

export const SurveyResultSchema = z
  .object({
    survey_id: z.string().openapi({ description: 'Survey id.', example: 'public' }),
    wave_id: z.string().openapi({ description: 'The wave the results are of.', example: 'public-w1' }),
    wave: WaveSchema.openapi({ description: 'The wave: its name, window, publication rule and status.' }),
    version_id: z.string().openapi({ description: 'Questionnaire version the answers are to.', example: 'public-v1' }),
    published: z.boolean().openapi({
      description: 'False while the wave publishes nothing: an `after_close` wave that is still open. Then every figure below is empty.',
      example: true,
    }),
    responses: z.number().int().openapi({
      description: 'Responses in the published results of this group (in a wave published live: at the last multiple of 10 of each town).',
      example: 40,
    }),
    duplicates_excluded_percent: z.number().int().nullable().openapi({
      description:
        'Share of the responses received that were left out as probable duplicates (the same answers from the same network on the same day); null while nothing is published.',
      example: 2,
    }),
    suppressed: z.boolean().openapi({
      description:
        'True when fewer responses than the publication threshold (`min_sample`) are published: no figures are given, so no respondent can be singled out.',
      example: false,
    }),
    small_sample: z
      .boolean()
      .openapi({ description: 'True when fewer than 30 responses are published: read the figures with care.', example: false }),
    dimensions: z.array(DimensionResultSchema).openapi({ description: 'Score per dimension; empty when suppressed.' }),
    nps: NpsSchema.nullable().openapi({ description: 'Likelihood to recommend; null when suppressed or unanswered.' }),
    distributions: z.array(DistributionSchema).openapi({
      description: 'Answers per closed question, as whole percentages; a question whose categories cannot be protected is left out.',
    }),
    ipa: IpaSchema.nullable().openapi({
      description:
        'Where to act: the importance–performance analysis, for a questionnaire that asks the importance of each function; null otherwise or when suppressed.',
    }),
  })
  .openapi('SurveyResult');

export const TownSatisfactionSchema = z
  .object({
    town_id: z.string().openapi({ description: 'Town id.', example: 'beijing-changgouzhen' }),
    min_sample: z
      .number()
      .int()
      .openapi({ description: 'Publication threshold: a group with fewer published responses than this is suppressed.', example: 10 }),
    surveys: z.array(SurveyResultSchema).openapi({ description: 'One entry per wave that has opened, newest first within each survey.' }),
  })
  .openapi('TownSatisfaction');

const WaveFilter = z.string().min(1).max(60).optional().openapi({
  description: 'Only this wave (see `GET /api/v1/surveys/{id}/waves`); every wave that has opened by default.',
  example: 'public-w1',
});

export const GroupedSatisfactionQuery = TownFilterQuery.extend({
  group_by: z
    .enum(RESULT_GROUPS)
    .default('province')
    .openapi({ description: 'How to group the towns; `all` gives one group of every matching town.', example: 'province' }),
  wave: WaveFilter,
  format: FormatParam,
}).strict();

export const GroupedSatisfactionSchema = z
  .object({
    group_by: z.enum(RESULT_GROUPS).openapi({ description: 'How the towns were grouped.', example: 'province' }),
    min_sample: z.number().int().openapi({
      description:
        'Publication threshold: only towns with at least this many published responses are summed, and a group below it is suppressed.',
      example: 10,
    }),
    groups: z
      .array(
        z.object({
          key: z.string().openapi({ description: 'Province, list id or status (`all` for group_by=all).', example: '北京市' }),
          surveys: z.array(SurveyResultSchema).openapi({ description: 'Results per wave in this group, newest first within each survey.' }),
        }),
      )
      .openapi({ description: 'Groups that have published responses.' }),
  })
  .openapi('GroupedSatisfaction');

export const SatisfactionFormatQuery = z.object({ wave: WaveFilter, format: FormatParam }).strict();
