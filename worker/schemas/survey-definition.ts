import { z } from '@hono/zod-openapi';

export const LocalizedSchema = z
  .object({
    zh: z.string().min(1).openapi({ description: 'Chinese text.', example: '总体满意度' }),
    en: z.string().min(1).openapi({ description: 'English text.', example: 'Overall satisfaction' }),
  })
  .strict()
  .openapi('LocalizedText', { description: 'A text in Chinese and English.' });

const EndLabels = z
  .object({ low: LocalizedSchema, high: LocalizedSchema })
  .strict()
  .openapi('ScaleEndLabels', { description: 'Labels of the two ends of a scale.' });

const base = {
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .openapi({ description: 'Question id: the key of its answer.', example: 'overall' }),
  text: LocalizedSchema,
  required: z.boolean().openapi({ description: 'Whether an answer is required.', example: true }),
  dimension: z
    .string()
    .nullable()
    .openapi({ description: 'The dimension the question scores; null for profile and free-text questions.', example: 'overall' }),
};

const OptionSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/)
      .openapi({ description: 'Option id: the value to send.', example: 'resident' }),
    label: LocalizedSchema,
  })
  .strict()
  .openapi('QuestionOption');

export const QuestionSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        ...base,
        type: z
          .literal('likert')
          .openapi({ description: 'A rating scale from 1 to `scale`; send the number, or "na".', example: 'likert' }),
        scale: z.number().int().min(2).max(11).openapi({ description: 'Number of scale points.', example: 5 }),
        labels: EndLabels,
        allow_na: z
          .boolean()
          .openapi({ description: 'Whether "na" (don\'t know / not applicable) may be sent; it is not scored.', example: true }),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('single').openapi({ description: 'One option; send its id.', example: 'single' }),
        options: z.array(OptionSchema).min(2).openapi({ description: 'The options.' }),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('multi').openapi({ description: 'Several options; send an array of ids.', example: 'multi' }),
        options: z.array(OptionSchema).min(2).openapi({ description: 'The options.' }),
        max_choices: z.number().int().min(1).optional().openapi({ description: 'Most options that may be chosen.', example: 3 }),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('nps').openapi({ description: 'Likelihood to recommend, 0–10; send the number.', example: 'nps' }),
        labels: EndLabels,
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('text').openapi({ description: 'Free text; stored, never published.', example: 'text' }),
        max_length: z.number().int().min(1).max(5000).openapi({ description: 'Longest answer accepted, in characters.', example: 1000 }),
      })
      .strict(),
  ])
  .openapi('Question');

export const SectionSchema = z
  .object({
    id: z.string().openapi({ description: 'Section id.', example: 'environment' }),
    title: LocalizedSchema,
    note: LocalizedSchema.optional(),
    questions: z.array(QuestionSchema).openapi({ description: 'Questions in the order they are asked.' }),
  })
  .strict()
  .openapi('SurveySection');

/**
 * The five functions of the municipal government in building a characteristic town, after the
 * Taiping Lake Forest Town study (总体规划, 社会引导, 组织协调, 公共服务, 监督管理). Each id is also the
 * id of the satisfaction dimension that scores the function; two of them keep the dimension ids of
 * enterprise-v1, so a function's score can be compared across questionnaire versions and waves:
 * - `planning`: overall planning 总体规划
 * - `policy_support`: social guidance 社会引导 (v1's "policy guidance and support delivered")
 * - `coordination`: organisation and coordination 组织协调
 * - `approval_services`: public service 公共服务 (v1's "administrative approval and public services")
 * - `supervision`: supervision and management 监督管理
 */
export const FUNCTION_IDS = ['planning', 'policy_support', 'coordination', 'approval_services', 'supervision'] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];

export const FunctionIdSchema = z.enum(FUNCTION_IDS).openapi('GovernmentFunction', {
  description:
    'One of the five functions of the municipal government in building a town: `planning` (overall planning 总体规划), ' +
    '`policy_support` (social guidance 社会引导), `coordination` (organisation and coordination 组织协调), ' +
    '`approval_services` (public service 公共服务), `supervision` (supervision and management 监督管理). ' +
    "A satisfaction dimension that names a function has the function's id as its own id; an importance dimension names a " +
    'function whose satisfaction dimension is in the same questionnaire.',
  example: 'planning',
});

export const DimensionSchema = z
  .object({
    id: z.string().openapi({ description: 'Dimension id.', example: 'planning' }),
    label: LocalizedSchema,
    kind: z
      .enum(['satisfaction', 'importance'])
      .optional()
      .openapi({
        description:
          'What the dimension measures: `satisfaction` (how well the government performs; the meaning when absent) or ' +
          '`importance` (how much the function matters to the respondent), both scored 0–100 from 1–5 answers. ' +
          'Importance and satisfaction of one function together place it in the importance–performance analysis.',
        example: 'satisfaction',
      }),
    function: FunctionIdSchema.optional(),
    definition: LocalizedSchema.optional().openapi({ description: 'What the dimension covers, in one sentence.' }),
  })
  .strict()
  .openapi('SurveyDimension');

/** Who a questionnaire is for: residents and visitors, or enterprises in the town (an enterprise answers once, by its code). */
export const AUDIENCES = ['public', 'enterprise'] as const;

/** A questionnaire version as stored in data/surveys/*.json and in D1. */
export const SurveyDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
    version: z.number().int().min(1),
    audience: z.enum(AUDIENCES),
    title: LocalizedSchema,
    description: LocalizedSchema,
    opens_at: z.string().datetime().nullable(),
    closes_at: z.string().datetime().nullable(),
    dimensions: z.array(DimensionSchema),
    sections: z.array(SectionSchema).min(1),
  })
  .strict()
  .superRefine((d, ctx) => {
    const ids = d.sections.flatMap((s) => s.questions.map((q) => q.id));
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `question id "${dup}" is used twice` });
    const dims = new Set(d.dimensions.map((x) => x.id));
    checkDimensions(d.dimensions, ctx);
    for (const q of d.sections.flatMap((s) => s.questions)) {
      if (q.type === 'likert' && (!q.dimension || !dims.has(q.dimension))) {
        ctx.addIssue({ code: 'custom', message: `likert question "${q.id}" must score a declared dimension` });
      }
    }
  });

type Dimension = z.infer<typeof DimensionSchema>;

/**
 * Every dimension id once; a satisfaction dimension that names a function is that function's
 * dimension (same id); an importance dimension names a function whose satisfaction dimension is in
 * the questionnaire (and names it too), and a function has at most one importance dimension.
 */
function checkDimensions(dimensions: Dimension[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  const satisfactionOf = new Set(
    dimensions.filter((x) => (x.kind ?? 'satisfaction') === 'satisfaction' && x.function === x.id).map((x) => x.id),
  );
  const importanceOf = new Set<string>();
  dimensions.forEach((dim, i) => {
    if (seen.has(dim.id))
      ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'id'], message: `dimension id "${dim.id}" is used twice` });
    seen.add(dim.id);
    if ((dim.kind ?? 'satisfaction') === 'satisfaction') {
      if (dim.function !== undefined && dim.function !== dim.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', i, 'function'],
          message: `satisfaction dimension "${dim.id}" names function "${dim.function}": its id must be the function's id`,
        });
      }
      return;
    }
    if (dim.function === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dimensions', i, 'function'],
        message: `importance dimension "${dim.id}" must name its function`,
      });
    } else if (!satisfactionOf.has(dim.function)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dimensions', i, 'function'],
        message: `importance dimension "${dim.id}" names function "${dim.function}", which has no satisfaction dimension (one with the function's id that names it)`,
      });
    } else if (importanceOf.has(dim.function)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dimensions', i, 'function'],
        message: `function "${dim.function}" has more than one importance dimension`,
      });
    } else {
      importanceOf.add(dim.function);
    }
  });
}

export type SurveyDefinition = z.infer<typeof SurveyDefinitionSchema>;
export type Question = z.infer<typeof QuestionSchema>;
