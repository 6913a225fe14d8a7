import { z } from '@hono/zod-openapi';
import { IdempotencyKeyValue, TextInput } from './common.ts';
import { EnterpriseCodeSchema } from './enterprise-code.ts';
import { AUDIENCES, DimensionSchema, LocalizedSchema, SectionSchema } from './survey-definition.ts';

export const SurveyIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Survey id: `public` or `enterprise`.', example: 'public' }),
});

export const WindowSchema = z
  .object({
    opens_at: z.string().nullable().openapi({
      description: 'When the wave in question starts accepting answers (UTC, ISO 8601); null when the survey has no wave.',
      format: 'date-time',
      example: '2026-01-01T00:00:00Z',
    }),
    closes_at: z
      .string()
      .nullable()
      .openapi({ description: 'When it stops (UTC); null for no end yet.', format: 'date-time', example: null }),
    open: z.boolean().openapi({ description: 'Whether it accepts answers now.', example: true }),
  })
  .openapi('SurveyWindow', { description: 'When the survey accepts answers: the window of its wave in question (`wave`).' });

export const PUBLICATION_RULES = ['after_close', 'live_in_steps'] as const;

export const WaveSchema = z
  .object({
    id: z.string().openapi({ description: 'Wave id.', example: 'public-w1' }),
    survey_id: z.string().openapi({ description: 'Survey.', example: 'public' }),
    version_id: z.string().openapi({ description: 'The questionnaire version the wave asks.', example: 'public-v1' }),
    name: LocalizedSchema,
    opens_at: z
      .string()
      .openapi({ description: 'When the wave starts accepting answers (UTC).', format: 'date-time', example: '2026-01-01T00:00:00Z' }),
    closes_at: z
      .string()
      .nullable()
      .openapi({ description: 'When it stops (UTC); null for no end yet.', format: 'date-time', example: null }),
    publication: z.enum(PUBLICATION_RULES).openapi({
      description:
        "`after_close`: nothing of the wave is published while it is open; its final results once it has closed. `live_in_steps`: each town's published results are the state at its last multiple of 10 responses, so two published states differ by at least 10 responses.",
      example: 'live_in_steps',
    }),
    status: z
      .enum(['scheduled', 'open', 'closed'])
      .openapi({ description: 'Whether the wave accepts answers now, will, or did.', example: 'open' }),
  })
  .openapi('SurveyWave', {
    description:
      'A round of a survey (e.g. the 2026 annual one). The waves of a survey never overlap; a response belongs to the wave open when it arrives.',
  });

export const WaveListSchema = z
  .object({ items: z.array(WaveSchema).openapi({ description: "The survey's waves, in the order they open." }) })
  .openapi('SurveyWaveList');

export const SurveySummarySchema = z
  .object({
    id: z.string().openapi({ description: 'Survey id.', example: 'enterprise' }),
    audience: z
      .enum(AUDIENCES)
      .openapi({ description: 'Who it is for: residents and visitors, or enterprises in the town.', example: 'enterprise' }),
    version: z.number().int().openapi({ description: 'Current version; answers are always to the current version.', example: 1 }),
    version_id: z.string().openapi({ description: 'Id of the current version, as given in results.', example: 'enterprise-v1' }),
    title: LocalizedSchema,
    window: WindowSchema,
    wave: WaveSchema.nullable().openapi({
      description:
        'The wave in question: the one open now, else the next to open, else the last; its questionnaire version is `version_id`.',
    }),
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
    ctx.issues.push({
      code: 'custom',
      path: ['__proto__'],
      message: 'No such question in this questionnaire',
      params: { code: 'unknown' },
      input,
    });
  }
  return input;
}

/** A complete, valid set of answers to the public questionnaire (public-v1): the documented example must be accepted. */
const PUBLIC_ANSWERS_EXAMPLE = {
  role: 'resident',
  years: '3to10',
  ...Object.fromEntries(
    [
      'env_nature',
      'env_clean',
      'env_character',
      'inf_roads',
      'inf_water',
      'inf_sewage',
      'inf_waste',
      'svc_schools',
      'svc_health',
      'svc_elderly',
      'cul_activities',
      'cul_visitors',
      'job_opportunities',
      'job_benefit',
      'res_listening',
      'res_information',
    ].map((q) => [q, 4]),
  ),
  overall: 4,
  recommend: 8,
  comment: '希望增加公交班次。',
};

/** The website field is a honeypot and turnstile_token goes to Turnstile: neither is stored, so neither is a TextInput. */
export const SubmissionSchema = z
  .object({
    town_id: z.string().min(1).max(120).openapi({ description: 'The town the answers are about.', example: 'beijing-changgouzhen' }),
    answers: z
      .preprocess(
        reportProtoKey,
        z.record(z.string().max(64), AnswerValueSchema).refine((a) => Object.keys(a).length <= 100, { message: 'At most 100 answers' }),
      )
      .openapi({
        description:
          'Answers keyed by question id: an option id, a scale point (1–5, or `"na"` where the question allows it), a 0–10 score, option ids of a multiple-choice question, or free text. Every required question of the current version needs an answer; `GET /api/v1/surveys/{id}` lists them.',
        example: PUBLIC_ANSWERS_EXAMPLE,
      }),
    consent: z
      .object({
        // The document says `enum: [true]`; the server answers a false with the `consent-required` problem, which says why.
        participation: z.boolean().openapi({
          description: 'Must be true: the respondent agrees that the answers are stored and published in aggregate.',
          enum: [true],
          example: true,
        }),
        contact: z
          .boolean()
          .optional()
          .openapi({ description: 'True only if the respondent agrees to be contacted; required to send `respondent`.', example: false }),
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
      .openapi({
        description: 'Contact details, accepted only with `consent.contact`; kept for follow-up and never published.',
        example: { organisation: '某某科技有限公司', name: '张三', phone: '010-12345678' },
      }),
    // Documented as empty (maxLength 0) so that no client fills it; the server does not refuse a filled one, it answers it
    // like a success and stores nothing, so that a bot learns nothing (services/surveys/submit.ts).
    website: z.string().max(500).optional().openapi({
      description:
        'Leave empty or leave out: a field people do not see, filled in only by bots. A filled one is answered like a success and nothing is stored.',
      maxLength: 0,
      example: '',
    }),
    turnstile_token: z.string().max(4096).optional().openapi({
      description: 'Cloudflare Turnstile token, required when the service has Turnstile configured.',
      example: 'XXXX.DUMMY.TOKEN',
    }),
    // Required for the enterprise questionnaire (the service says so, naming the field); refused for the public one.
    enterprise_code: EnterpriseCodeSchema.optional(),
  })
  .strict()
  .openapi('Submission', {
    description: 'One response to the current version of a questionnaire.',
    example: { town_id: 'beijing-changgouzhen', answers: PUBLIC_ANSWERS_EXAMPLE, consent: { participation: true, contact: false } },
  });

export const IdempotencyHeaders = z.object({
  'idempotency-key': IdempotencyKeyValue.openapi({
    param: { name: 'idempotency-key', in: 'header' },
    description:
      'A unique key per submission (e.g. a UUID). A retry with the same key and body returns the original receipt; the same key with another body is refused with 422.',
    example: '6f1c1d3e-3c1b-4b0e-9a39-2f1f8d5b7c11',
  }),
});

export const ReceiptSchema = z
  .object({
    receipt: z.string().openapi({
      description: 'Receipt id of the stored response; keep it as proof of submission.',
      example: 'r-3f6a1c2e-7d4b-4a7e-9a0e-5b1c2d3e4f50',
    }),
    survey_id: z.string().openapi({ description: 'Survey answered.', example: 'public' }),
    wave_id: z.string().openapi({ description: 'The wave the response belongs to (the one open when it arrived).', example: 'public-w1' }),
    version_id: z.string().openapi({ description: 'Version answered.', example: 'public-v1' }),
    town_id: z.string().openapi({ description: 'Town the answers are about.', example: 'beijing-changgouzhen' }),
    submitted_at: z.string().openapi({ description: 'When the response was stored (ISO 8601).', example: '2026-11-23T09:00:00.000Z' }),
  })
  .openapi('Receipt');

/**
 * An RFC 3339 date-time with any offset (staff type Beijing time, `+08:00`), stored in the one spelling of
 * toISOString() (UTC, milliseconds, `Z`) that every instant here has, responses' included: so instants compare
 * as text, in JavaScript and in SQL, to the millisecond.
 */
export const WindowInstant = z
  .string()
  .datetime({ offset: true })
  // zod runs an overwrite even after the format check failed: only a real instant is rewritten, the rest is refused as it was.
  .overwrite((v) => (Number.isNaN(Date.parse(v)) ? v : new Date(v).toISOString()));

export const WindowUpdateSchema = z
  .object({
    opens_at: WindowInstant.nullable().openapi({
      description:
        'New start, an RFC 3339 date-time with any offset (e.g. Beijing time `2026-01-01T08:00:00+08:00`), stored and returned in UTC; null for no start.',
      example: '2026-01-01T08:00:00+08:00',
    }),
    closes_at: WindowInstant.nullable().openapi({ description: 'New end, likewise; null for no end.', example: null }),
  })
  .strict()
  .refine((w) => !w.opens_at || !w.closes_at || Date.parse(w.opens_at) < Date.parse(w.closes_at), {
    message: 'opens_at must be before closes_at',
    path: ['closes_at'],
  })
  .openapi('WindowUpdate', { description: 'When the survey accepts answers.' });
