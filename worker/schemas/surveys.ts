import { z } from '@hono/zod-openapi';
import { DimensionSchema, LocalizedSchema, SectionSchema } from './survey-definition.ts';
import { IdempotencyKeyValue, TextInput } from './common.ts';

export const SurveyIdParams = z.object({
  id: z.string().min(1).max(40).openapi({ param: { name: 'id', in: 'path' }, description: 'Survey id: `public` or `enterprise`.', example: 'public' }),
});

export const WindowSchema = z
  .object({
    opens_at: z.string().nullable().openapi({ description: 'When the survey starts accepting answers (ISO 8601); null for no start.', example: '2026-01-01T00:00:00Z' }),
    closes_at: z.string().nullable().openapi({ description: 'When it stops (ISO 8601); null for no end.', example: null }),
    open: z.boolean().openapi({ description: 'Whether it accepts answers now.', example: true }),
  })
  .openapi('SurveyWindow', { description: 'When the survey accepts answers.' });

export const SurveySummarySchema = z
  .object({
    id: z.string().openapi({ description: 'Survey id.', example: 'enterprise' }),
    audience: z.enum(['public', 'enterprise']).openapi({ description: 'Who it is for: residents and visitors, or enterprises in the town.', example: 'enterprise' }),
    version: z.number().int().openapi({ description: 'Current version; answers are always to the current version.', example: 1 }),
    version_id: z.string().openapi({ description: 'Id of the current version, as given in results.', example: 'enterprise-v1' }),
    title: LocalizedSchema,
    window: WindowSchema,
  })
  .openapi('SurveySummary');

export const SurveyListSchema = z
  .object({ items: z.array(SurveySummarySchema).openapi({ description: 'Every questionnaire.' }) })
  .openapi('SurveyList');

export const SurveySchema = SurveySummarySchema.extend({
  description: LocalizedSchema,
  dimensions: z.array(DimensionSchema).openapi({ description: 'What the rated questions measure; results are given per dimension.' }),
  sections: z.array(SectionSchema).openapi({ description: 'The questions, in sections, in the order they are asked.' }),
}).openapi('Survey');

const AnswerValueSchema = z.union([
  z.number().int().openapi({ description: 'A scale point or 0–10 score.' }),
  TextInput.max(5000).openapi({ description: 'An option id, "na" or free text.' }),
  z.array(TextInput.max(64)).max(50).openapi({ description: 'Option ids of a multiple-choice question.' }),
]);

/**
 * zod builds a record on a plain object, so it must skip a key `__proto__`
 * (assigning it would set the prototype): `{"answers": {"__proto__": 1}}`
 * would pass as no answer at all. No question has that id, so it is reported
 * here as the unknown question it is.
 */
function reportProtoKey(input: unknown, ctx: { issues: unknown[] }): unknown {
  if (input !== null && typeof input === 'object' && Object.hasOwn(input, '__proto__')) {
    ctx.issues.push({ code: 'custom', path: ['__proto__'], message: 'No such question in this questionnaire', input });
  }
  return input;
}

/** The website field is a honeypot and turnstile_token goes to Turnstile: neither is stored, so neither is a TextInput. */
export const SubmissionSchema = z
  .object({
    town_id: z.string().min(1).max(120).openapi({ description: 'The town the answers are about.', example: 'beijing-changgouzhen' }),
    answers: z
      .preprocess(
        reportProtoKey,
        z.record(z.string().max(64), AnswerValueSchema).refine((a) => Object.keys(a).length <= 100, { message: 'At most 100 answers' }),
      )
      .openapi({ description: 'Answers keyed by question id.', example: { role: 'resident', overall: 4, recommend: 8, env_nature: 'na' } }),
    consent: z
      .object({
        participation: z.boolean().openapi({ description: 'Must be true: the respondent agrees that the answers are stored and published in aggregate.', example: true }),
        contact: z.boolean().optional().openapi({ description: 'True only if the respondent agrees to be contacted; required to send `respondent`.', example: false }),
      })
      .strict()
      .openapi({ description: 'Explicit, informed consent (PIPL art. 14).' }),
    respondent: z
      .object({
        organisation: TextInput.max(200).optional().openapi({ description: 'Enterprise name.', example: '某某科技有限公司' }),
        name: TextInput.max(100).optional().openapi({ description: 'Contact person.', example: '张三' }),
        phone: TextInput.max(40).optional().openapi({ description: 'Phone.', example: '010-12345678' }),
        email: TextInput.max(200).optional().openapi({ description: 'E-mail.', example: 'contact@example.com' }),
      })
      .strict()
      .optional()
      .openapi({ description: 'Contact details, accepted only with `consent.contact`; kept for follow-up and never published.' }),
    website: z.string().max(500).optional().openapi({ description: 'Leave empty: a field people do not see, filled in only by bots.', example: '' }),
    turnstile_token: z.string().max(4096).optional().openapi({ description: 'Cloudflare Turnstile token, required when the service has Turnstile configured.', example: 'XXXX.DUMMY.TOKEN' }),
  })
  .strict()
  .openapi('Submission');

export const IdempotencyHeaders = z.object({
  'idempotency-key': IdempotencyKeyValue.openapi({ param: { name: 'idempotency-key', in: 'header' }, description: 'A unique key per submission (e.g. a UUID). A retry with the same key and body returns the original receipt; the same key with another body is refused with 422.', example: '6f1c1d3e-3c1b-4b0e-9a39-2f1f8d5b7c11' }),
});

export const ReceiptSchema = z
  .object({
    receipt: z.string().openapi({ description: 'Receipt id of the stored response; keep it as proof of submission.', example: 'r-3f6a1c2e-7d4b-4a7e-9a0e-5b1c2d3e4f50' }),
    survey_id: z.string().openapi({ description: 'Survey answered.', example: 'public' }),
    version_id: z.string().openapi({ description: 'Version answered.', example: 'public-v1' }),
    town_id: z.string().openapi({ description: 'Town the answers are about.', example: 'beijing-changgouzhen' }),
    submitted_at: z.string().openapi({ description: 'When the response was stored (ISO 8601).', example: '2026-11-23T09:00:00.000Z' }),
  })
  .openapi('Receipt');

export const WindowUpdateSchema = z
  .object({
    opens_at: z.string().datetime().nullable().openapi({ description: 'New start (ISO 8601 with Z); null for no start.', example: '2026-01-01T00:00:00Z' }),
    closes_at: z.string().datetime().nullable().openapi({ description: 'New end; null for no end.', example: '2026-12-31T16:00:00Z' }),
  })
  .strict()
  .refine((w) => !w.opens_at || !w.closes_at || w.opens_at < w.closes_at, { message: 'opens_at must be before closes_at', path: ['closes_at'] })
  .openapi('WindowUpdate');
