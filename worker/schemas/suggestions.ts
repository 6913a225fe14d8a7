import { z } from '@hono/zod-openapi';
import { isValidIsoDate } from '../lib/dates.ts';
import { classifySource } from '../lib/suggestion-source.ts';
import { ImportReportSchema } from './admin.ts';
import { IdempotencyKeyValue, pageSchema, SOURCE_DATE_PATTERN, SourceDateValue, TextInput } from './common.ts';
import { StatusSchema } from './towns.ts';

/** Text as people type it: trimmed, one Unicode spelling (NFC), line breaks as LF; NUL refused (TextInput). */
const Typed = (max: number) =>
  TextInput.overwrite((v) => v.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .min(1)
    .max(max);

/**
 * A place's name as people paste it: also without invisible format characters
 * (zero-width spaces and joiners, BOM, bidi controls), which no Chinese place
 * name has and which would make one town two (for the import's name match and
 * for staff looking for every suggestion about it).
 */
const PlaceName = (max: number) =>
  TextInput.overwrite((v) =>
    v
      .replace(/\p{Cf}/gu, '')
      .normalize('NFC')
      .trim(),
  )
    .min(1)
    .max(max);

export const SUGGESTION_KINDS = ['addition', 'correction'] as const;
export const SUGGESTION_STATUSES = ['received', 'accepted', 'declined'] as const;

/** The documented example of an addition (a town of the 2017 national batch), also the tests' own. */
export const ADDITION_EXAMPLE = {
  kind: 'addition' as const,
  list_id: 'mohurd-2017-batch2',
  town_name: '尼山镇',
  province: '山东省',
  city: '济宁市',
  proposed_status: 'approved' as const,
  proposed_date: '2017-08-22',
  detail: '第二批全国特色小镇名单中山东省曲阜市尼山镇未收录。',
  source: '建村〔2017〕178号',
};

export const EXAMPLE_RECEIPT = 's-0b6f2a4e-8c1d-4f5a-9e3b-7d2c1a0f9e84';

/** A date as precise as the sender knows it; the day must exist. */
const ProposedDate = z
  .string()
  .regex(new RegExp(SOURCE_DATE_PATTERN), 'YYYY-MM-DD, YYYY-MM or YYYY')
  .refine((v) => v.length < 10 || isValidIsoDate(v), 'Must be a real calendar date')
  .openapi({
    description: 'When the proposed status took effect, as precise as the source: YYYY-MM-DD, YYYY-MM or YYYY.',
    example: '2017-08-22',
  });

export const SuggestionInputSchema = z
  .object({
    kind: z.enum(SUGGESTION_KINDS).openapi({
      description:
        '`addition`: a town missing from a list (needs `list_id`, `town_name` and `province`). `correction`: something wrong about a town (`town_id`) or a list (`list_id`).',
      example: 'addition',
    }),
    list_id: z.string().min(1).max(80).optional().openapi({
      description: 'The list concerned (`GET /api/v1/lists`); required for an addition, optional for a correction of a town.',
      example: 'mohurd-2017-batch2',
    }),
    town_id: z.string().min(1).max(120).optional().openapi({
      description:
        'The town to correct (a correction needs it unless it is about a list); for an addition, the town when the service already knows it.',
      example: 'beijing-changgouzhen',
    }),
    town_name: PlaceName(50)
      .optional()
      .openapi({ description: "The missing town's name as the source prints it (an addition).", example: '尼山镇' }),
    province: PlaceName(20).optional().openapi({ description: 'Its province (an addition).', example: '山东省' }),
    city: PlaceName(50).optional().openapi({ description: 'Its prefecture-level city, when known.', example: '济宁市' }),
    county: PlaceName(50).optional().openapi({ description: 'Its county or district, when known.', example: '曲阜市' }),
    proposed_status: StatusSchema.optional().openapi({
      description: 'The status the source gives the town on the list, when there is one.',
      example: 'approved',
    }),
    proposed_date: ProposedDate.optional(),
    detail: Typed(2000).openapi({
      description: 'What is wrong or missing, in a few words (up to 2000 characters).',
      example: '第二批全国特色小镇名单中山东省曲阜市尼山镇未收录。',
    }),
    source: Typed(500)
      .refine(
        (v) => classifySource(v) !== null,
        'Give an http(s) URL of a page that says so, or a document number such as 建村〔2017〕178号',
      )
      .openapi({
        description: 'Required: where this is written, as an http(s) URL or an official document number (文号, e.g. `建村〔2017〕178号`).',
        example: '建村〔2017〕178号',
      }),
    contact: z
      .object({
        name: Typed(100).optional().openapi({ description: 'Name.', example: '李四' }),
        organisation: Typed(200).optional().openapi({ description: 'Organisation.', example: '某某大学' }),
        email: Typed(200).optional().openapi({ description: 'E-mail.', example: 'lisi@example.com' }),
        phone: Typed(40).optional().openapi({ description: 'Phone.', example: '010-12345678' }),
      })
      .strict()
      .optional()
      .openapi({
        description:
          'How staff may ask a question about the suggestion, accepted only with `contact_consent`. Never published, and deleted when the suggestion is decided.',
        example: { email: 'lisi@example.com' },
      }),
    contact_consent: z.boolean().optional().openapi({
      description: 'True only if the sender agrees to be contacted about this suggestion; required to send `contact`.',
      example: false,
    }),
    // A honeypot, as the questionnaires have: a filled one is answered like a success and the suggestion is kept apart as a decoy.
    website: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'Leave empty or leave out: a field people do not see, filled in only by bots.', maxLength: 0, example: '' }),
    turnstile_token: z.string().max(4096).optional().openapi({
      description: 'Cloudflare Turnstile token, required when the service has Turnstile configured.',
      example: 'XXXX.DUMMY.TOKEN',
    }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const need = (field: keyof typeof s, why: string) => {
      if (s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `Missing: ${why}`, params: { code: 'required' } });
    };
    if (s.kind === 'addition') {
      need('list_id', 'an addition names the list the town is missing from');
      if (!s.town_id) {
        need('town_name', 'an addition names the town');
        need('province', "an addition names the town's province");
      }
    } else if (!s.town_id && !s.list_id) {
      ctx.addIssue({
        code: 'custom',
        path: ['town_id'],
        message: 'Missing: a correction names the town (town_id) or the list (list_id) it is about',
        params: { code: 'required' },
      });
    }
  })
  .openapi('SuggestionInput', {
    description: 'A correction or an addition, with the source that says so.',
    example: ADDITION_EXAMPLE,
  });

export const SuggestionHeaders = z.object({
  'idempotency-key': IdempotencyKeyValue.openapi({
    param: { name: 'idempotency-key', in: 'header' },
    description:
      'A unique key per suggestion (e.g. a UUID). A retry with the same key and body returns the original receipt; the same key with another body is refused with 422.',
    example: '5b0e8f7c-2d4a-4c1e-8f3a-1e2d3c4b5a69',
  }),
});

/** What was suggested, as the public status page and staff see it: never the contact details. */
export const SuggestedSchema = z
  .object({
    kind: z.enum(SUGGESTION_KINDS).openapi({ description: 'Addition or correction.', example: 'addition' }),
    list_id: z.string().nullable().openapi({ description: 'The list concerned.', example: 'mohurd-2017-batch2' }),
    town_id: z.string().nullable().openapi({ description: 'The known town concerned.', example: null }),
    town_name: z.string().nullable().openapi({ description: 'The town as named by the sender.', example: '尼山镇' }),
    province: z.string().nullable().openapi({ description: 'Its province.', example: '山东省' }),
    city: z.string().nullable().openapi({ description: 'Its city.', example: '济宁市' }),
    county: z.string().nullable().openapi({ description: 'Its county.', example: null }),
    proposed_status: StatusSchema.nullable().openapi({ description: 'The status proposed.', example: 'approved' }),
    proposed_date: SourceDateValue.nullable().openapi({
      description: 'The date proposed: YYYY-MM-DD, YYYY-MM or YYYY.',
      example: '2017-08-22',
    }),
    detail: z.string().openapi({ description: 'What is wrong or missing.', example: '第二批全国特色小镇名单中山东省曲阜市尼山镇未收录。' }),
    source: z.string().openapi({ description: 'The source given: a URL or a document number.', example: '建村〔2017〕178号' }),
    source_kind: z.enum(['url', 'document_number']).openapi({ description: 'Which of the two `source` is.', example: 'document_number' }),
  })
  .openapi('Suggested', { description: 'What was suggested, as sent (never the contact details).' });

export const SuggestionEventSchema = z
  .object({
    id: z.number().int().openapi({ description: "Event id (see the town's history).", example: 812 }),
    town_id: z.string().openapi({ description: 'Town.', example: 'shandong-nishanzhen' }),
    list_id: z.string().openapi({ description: 'List.', example: 'mohurd-2017-batch2' }),
    status: StatusSchema,
    effective_date: SourceDateValue.nullable().openapi({ description: 'Date of the event.', example: '2017-08-22' }),
  })
  .openapi('SuggestionEvent', { description: 'A status event an accepted suggestion led to.' });

export const SuggestionStatusSchema = z
  .object({
    receipt: z.string().openapi({ description: 'The receipt: keep it to follow the suggestion.', example: EXAMPLE_RECEIPT }),
    status: z.enum(SUGGESTION_STATUSES).openapi({
      description:
        '`received`: waiting for staff; `accepted`: staff will record it through an import, with the same checks as any notice; `declined`: see `reason`.',
      example: 'received',
    }),
    submitted_at: z.string().openapi({ description: 'When it arrived (UTC).', example: '2026-11-26T09:00:00.000Z' }),
    decided_at: z.string().nullable().openapi({ description: 'When staff decided (UTC); null while received.', example: null }),
    reason: z.string().nullable().openapi({ description: 'Why it was declined; null otherwise.', example: null }),
    suggested: SuggestedSchema,
    events: z
      .array(SuggestionEventSchema)
      .openapi({ description: "The status events recorded from it, once imported; the town's history credits them to the public." }),
  })
  .openapi('SuggestionStatus', {
    description: 'The public status of a suggestion: what was suggested (never the contact details) and what became of it.',
  });

export const ReceiptParams = z.object({
  receipt: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: 'receipt', in: 'path' },
      description: 'The receipt given when the suggestion was sent.',
      example: EXAMPLE_RECEIPT,
    }),
});

export const SuggestionIdParams = z.object({
  suggestion: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'suggestion', in: 'path' }, description: 'The suggestion (its receipt).', example: EXAMPLE_RECEIPT }),
});

export const AdminSuggestionSchema = SuggestionStatusSchema.extend({
  contact: z
    .record(z.string(), z.string())
    .nullable()
    .openapi({
      description:
        'The contact details the sender consented to give; null without consent, and once decided (they are deleted then). Every read of them is recorded in the audit log (`export` of the `suggestion`).',
      example: { email: 'lisi@example.com' },
    }),
}).openapi('AdminSuggestion');

/** In staff's list, only whether contact details are kept: reading them is a read of personal data, one suggestion at a time, audited. */
export const AdminSuggestionItemSchema = SuggestionStatusSchema.extend({
  has_contact: z.boolean().openapi({
    description:
      "True while the sender's contact details are kept (with consent, until the decision): `GET /api/v1/admin/suggestions/{suggestion}` gives them, and records that it did in the audit log.",
    example: false,
  }),
}).openapi('AdminSuggestionItem');

export const AdminSuggestionPageSchema = pageSchema(AdminSuggestionItemSchema, 'AdminSuggestionPage');

export const AdminSuggestionQuery = z
  .object({
    status: z.enum(SUGGESTION_STATUSES).optional().openapi({ description: 'Only suggestions with this status.', example: 'received' }),
    list: z.string().min(1).max(80).optional().openapi({
      description: 'Only suggestions about this list (its id): with `town`, how many people sent the same.',
      example: 'mohurd-2017-batch2',
    }),
    town: PlaceName(120).optional().openapi({
      description: 'Only suggestions about this town: its id, or its name as senders gave it (for a town the service does not know).',
      example: '尼山镇',
    }),
    limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Items per page, 1–500.', example: 50 }),
    cursor: z.string().max(200).optional().openapi({ description: 'Opaque cursor from `next_cursor`.' }),
  })
  .strict();

export const DeclineSchema = z
  .object({
    reason: Typed(1000).openapi({
      description: 'Why the suggestion is declined: shown on its public status page.',
      example: 'The notice of 建村〔2017〕178号 does not name this town.',
    }),
  })
  .strict()
  .openapi('SuggestionDecline');

export const AcceptanceSchema = z
  .object({
    suggestion: AdminSuggestionSchema,
    csv: z.string().openapi({
      description:
        "The import row prefilled from the suggestion, with its header and an empty `note` (an event's note is public; the sender's `detail` is not): edit it if needed, then send it to `POST /api/v1/admin/imports` (the `suggestion` column credits the public on the events).",
      example:
        'town,list,status,effective_date,document,province,note,source_urls,suggestion\r\n尼山镇,mohurd-2017-batch2,approved,2017-08-22,建村〔2017〕178号,山东省,,,s-0b6f…\r\n',
    }),
    report: ImportReportSchema.openapi({
      description:
        'The dry run of the row: what the import would write, and every problem it finds (an unknown town is created first; an unknown document recorded first).',
    }),
  })
  .openapi('SuggestionAcceptance', {
    description: 'The accepted suggestion, its prefilled import row and the dry run of that row: nothing is written to the lists.',
  });

export type SuggestionInput = z.infer<typeof SuggestionInputSchema>;
export type SuggestionStatus = z.infer<typeof SuggestionStatusSchema>;
export type AdminSuggestion = z.infer<typeof AdminSuggestionSchema>;
export type AdminSuggestionItem = z.infer<typeof AdminSuggestionItemSchema>;

export const SuggestionReceiptSchema = z
  .object({
    receipt: z.string().openapi({
      description: 'Receipt id: keep it to follow the suggestion (`GET /api/v1/suggestions/{receipt}`, or the page in `Location`).',
      example: EXAMPLE_RECEIPT,
    }),
    status: z.literal('received').openapi({ description: 'Always `received` at first.', example: 'received' }),
    submitted_at: z.string().openapi({ description: 'When it was stored (UTC).', example: '2026-11-26T09:00:00.000Z' }),
  })
  .openapi('SuggestionReceipt');
