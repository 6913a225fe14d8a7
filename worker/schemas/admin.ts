import { z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../lib/audit-vocabulary.ts';
import { parseSourceDate } from '../lib/dates.ts';
import { ConfidenceSchema, IdempotencyKeyValue, pageSchema, SourceDateValue, storedText, TextInput } from './common.ts';
import { LEVELS } from './lists.ts';
import { StatusSchema } from './towns.ts';

/** Lower-case ASCII words joined by hyphens: the form of every list and town id. */
const Slug = z
  .string()
  .min(3)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

const Text = (max: number) => TextInput.trim().min(1).max(max);

/*
 * The examples of the admin API tell one story that works against the loaded data, in the order of the document
 * (test/api/documented-examples.test.ts sends each one): a notice is recorded, a list created from it and edited,
 * a town created and added to the list, a status event recorded, then a notice imported. The source's id is the
 * one the service gives the example notice (`doc-` + a hash of its title and number).
 */
const EXAMPLE_SOURCE_ID = 'doc-174e2550ce';
const EXAMPLE_LIST_ID = 'zhejiang-2024-named';

/** The list an admin operation changes: the examples' own list. */
export const AdminListIdParams = z.object({
  id: Slug.openapi({ param: { name: 'id', in: 'path' }, description: 'List id.', example: EXAMPLE_LIST_ID }),
});

/** A date as precise as the notice gives it, or the notice's own wording that starts with one. */
export const SourceDateInput = TextInput.max(100)
  .refine((v) => parseSourceDate(v).date !== null, 'a date YYYY-MM-DD, YYYY-MM or YYYY, optionally followed by the source’s wording')
  .openapi({
    description:
      'As precise as the document: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, optionally after `≤` and followed by the source’s wording (e.g. `2019 (reported by 2019-08-08)`). The day must exist in the calendar; a status event may be dated at most to the end of next year.',
    pattern: '^\\s*(≤|<=)?\\s*[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?([^0-9-].*)?$',
    example: '2024-05-20',
  });

const Urls = z.array(storedText(z.url({ protocol: /^https?$/ }).max(500))).max(10);

export const SourceInputSchema = z
  .object({
    title: Text(300).openapi({
      description: 'Title of the document.',
      example: '浙江省特色小镇规划建设工作联席会议办公室关于公布2024年度考核结果的通知',
    }),
    document_number: Text(100)
      .nullable()
      .default(null)
      .openapi({ description: 'Official document number (文号), when it has one.', example: '浙特镇办〔2024〕5号' }),
    issuer: Text(200)
      .nullable()
      .default(null)
      .openapi({ description: 'Issuing authority.', example: '浙江省特色小镇规划建设工作联席会议办公室' }),
    published_on: SourceDateInput.nullable().default(null),
    urls: Urls.default([]).openapi({ description: 'Where the document can be read.', example: ['https://fzggw.zj.gov.cn/'] }),
    note: Text(1000).nullable().default(null).openapi({ description: 'Remarks on the document.', example: null }),
  })
  .strict()
  .openapi('SourceInput');

export const ListCreateSchema = z
  .object({
    id: Slug.openapi({ description: 'Stable id of the new list.', example: EXAMPLE_LIST_ID }),
    name: Text(200).openapi({ description: 'Name in Chinese.', example: '浙江省2024年命名特色小镇' }),
    name_en: Text(300).openapi({ description: 'Name in English.', example: 'Zhejiang characteristic towns named in 2024' }),
    level: z.enum(LEVELS).openapi({ description: 'Level of government that issued the list.', example: 'provincial' }),
    kind: z
      .enum(['named', 'creation', 'cultivation', 'pilot', 'typical', 'warning-case'])
      .openapi({ description: 'What being on the list means.', example: 'named' }),
    province: Text(20).nullable().default(null).openapi({ description: 'Province of a provincial (or lower) list.', example: '浙江省' }),
    source_id: Slug.openapi({
      description: 'The notice that published the list (create it first with `POST /api/v1/admin/sources`).',
      example: EXAMPLE_SOURCE_ID,
    }),
    official_count: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .nullable()
      .default(null)
      .openapi({ description: 'Number of towns the notice states, when it states one.', example: 15 }),
    note: Text(1000).nullable().default(null).openapi({ description: 'What is known to be missing or uncertain.', example: null }),
  })
  .strict()
  .refine((l) => (l.level === 'national') === (l.province === null), {
    message: 'a national list has no province; any other list has one',
    path: ['province'],
  })
  .openapi('ListCreate');

export const ListUpdateSchema = z
  .object({
    name: Text(200).optional().openapi({ description: 'Name in Chinese.', example: '第一批中国特色小镇' }),
    name_en: Text(300).optional().openapi({ description: 'Name in English.', example: 'First batch of Chinese characteristic towns' }),
    source_id: Slug.optional().openapi({ description: 'The notice that published the list.', example: EXAMPLE_SOURCE_ID }),
    official_count: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .nullable()
      .optional()
      .openapi({ description: 'Number of towns the notice states; null when it states none.', example: 127 }),
    note: Text(1000).nullable().optional().openapi({
      description: 'What is known to be missing or uncertain; null to clear.',
      example: '5 towns of the notice are not in our copy yet.',
    }),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'give at least one field to change')
  .openapi('ListUpdate', {
    description: 'The fields to change, at least one; the rest stay as they are. The audit log keeps the values before and after.',
    minProperties: 1,
    example: { official_count: 15, note: 'The notice names 15 towns; the list is complete.' },
  });

export const TownCreateSchema = z
  .object({
    id: Slug.openapi({ description: 'Stable id: province and pinyin of the name, as the other towns have.', example: 'zhejiang-xinzhen' }),
    name: Text(50).openapi({ description: 'Name as the first notice naming it prints it.', example: '新镇' }),
    name_pinyin: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[a-z0-9]+(?: [a-z0-9]+)*$/, 'toneless pinyin syllables, lower case, separated by single spaces')
      .openapi({ description: 'Toneless pinyin, syllables separated by spaces.', example: 'xin zhen' }),
    province: Text(20)
      .regex(/(省|市|自治区|特别行政区)$/, 'a province-level name such as 浙江省')
      .openapi({ description: 'Province.', example: '浙江省' }),
    city: Text(50).nullable().default(null).openapi({ description: 'Prefecture-level city.', example: '杭州市' }),
    county: Text(50).nullable().default(null).openapi({ description: 'County or district.', example: '余杭区' }),
    note: Text(1000).nullable().default(null).openapi({ description: 'Remarks on the town.', example: null }),
  })
  .strict()
  .openapi('TownCreate');

const EventFields = {
  status: StatusSchema,
  effective_date: SourceDateInput.nullable().openapi({
    description: 'When the status took effect, as precise as the document; null when it gives no date.',
  }),
  source_id: Slug.openapi({ description: 'The document that decided it.', example: EXAMPLE_SOURCE_ID }),
  status_raw: Text(100)
    .nullable()
    .default(null)
    .openapi({ description: 'The wording of the document, when it differs from the status code.', example: '黄牌警告' }),
  confidence: ConfidenceSchema.default('high'),
  source_urls: Urls.default([]).openapi({ description: 'Where the document was read.', example: [] }),
  note: Text(1000).nullable().default(null).openapi({ description: 'Remarks, e.g. the consequence the document orders.', example: null }),
};

export const MembershipCreateSchema = z
  .object({
    town_id: Slug.openapi({ description: 'The town to add (create it first if it is not known).', example: 'beijing-changgouzhen' }),
    listed_as: Text(100)
      .nullable()
      .default(null)
      .openapi({ description: 'The name as the list prints it, when it differs.', example: null }),
    ...EventFields,
  })
  .strict()
  .openapi('MembershipCreate', {
    description: 'Adds a town to the list with its first status event (usually `approved`, `named` or `pilot`).',
    example: {
      town_id: 'zhejiang-xinzhen',
      status: 'named',
      effective_date: '2024-05-20',
      source_id: EXAMPLE_SOURCE_ID,
      confidence: 'high',
    },
  });

export const EventCreateSchema = z
  .object({
    town_id: Slug.openapi({ description: 'Town.', example: 'beijing-changgouzhen' }),
    list_id: Slug.openapi({ description: 'List the town is on.', example: 'mohurd-2016-batch1' }),
    ...EventFields,
    supersedes: z.number().int().positive().nullable().default(null).openapi({
      description:
        'Id of an event of the same town and list that this one corrects. The corrected event stays in the history, marked as superseded, and no longer counts for any status.',
      example: null,
    }),
  })
  .strict()
  .openapi('StatusEventCreate', {
    description: 'A status event of a town on a list, decided by a recorded document.',
    example: {
      town_id: 'zhejiang-xinzhen',
      list_id: EXAMPLE_LIST_ID,
      status: 'warned',
      effective_date: '2024-12-20',
      status_raw: '黄牌警告',
      source_id: EXAMPLE_SOURCE_ID,
      confidence: 'high',
    },
  });

export const ImportQuery = z
  .object({
    dry_run: z
      .enum(['true', 'false'])
      .default('false')
      .openapi({ description: '`true`: validate and report, write nothing.', example: 'true' }),
  })
  .strict();

export const ImportHeaders = z.object({
  'idempotency-key': IdempotencyKeyValue.optional().openapi({
    param: { name: 'idempotency-key', in: 'header' },
    description:
      "Optional, for a real run: a retry with the same key and file returns the first import's report (`Idempotent-Replayed: true`) and writes nothing more; the same key with another file is refused with 422.",
    example: '2026-notice-zhejiang-5',
  }),
});

export const ImportProblemSchema = z
  .object({
    row: z.number().int().openapi({ description: 'Line of the CSV (the header is line 1); 0 for the file as a whole.', example: 3 }),
    column: z.string().nullable().openapi({ description: 'Column at fault, when one is.', example: 'town' }),
    code: z
      .enum([
        'missing-column',
        'too-many-rows',
        'invalid-value',
        'unknown-town',
        'ambiguous-town',
        'unknown-list',
        'unknown-document',
        'not-on-list',
        'impossible-transition',
        'duplicate-row',
        'already-recorded',
        'unknown-suggestion',
        'suggestion-mismatch',
      ])
      .openapi({ description: 'Stable code of the problem.', example: 'unknown-town' }),
    detail: z.string().openapi({ description: 'What is wrong, in words.', example: 'No town 长沟 in 北京市.' }),
    suggestions: z
      .array(
        z.object({
          id: z.string().openapi({ description: 'Town id.', example: 'beijing-changgouzhen' }),
          name: z.string().openapi({ description: 'Town name.', example: '长沟镇' }),
          province: z.string().openapi({ description: 'Province.', example: '北京市' }),
        }),
      )
      .openapi({ description: 'Close matches for an unknown town.', example: [] }),
  })
  .openapi('ImportProblem');

export const WrittenEventSchema = z
  .object({
    row: z.number().int().openapi({ description: 'CSV line.', example: 2 }),
    event_id: z.number().int().nullable().openapi({ description: 'Id of the new event; null in a dry run.', example: 801 }),
    town_id: z.string().openapi({ description: 'Town.', example: 'beijing-changgouzhen' }),
    list_id: z.string().openapi({ description: 'List.', example: 'mohurd-2016-batch1' }),
    status: StatusSchema,
    effective_date: SourceDateValue.nullable().openapi({
      description: 'Date as recorded: YYYY-MM-DD, YYYY-MM or YYYY.',
      example: '2024-05-20',
    }),
    new_membership: z.boolean().openapi({ description: 'True when the row puts the town on the list.', example: false }),
  })
  .openapi('ImportedRow');

export const ImportReportSchema = z
  .object({
    dry_run: z.boolean().openapi({ description: 'True when nothing was written.', example: true }),
    valid: z.boolean().openapi({ description: 'True when every row can be imported.', example: true }),
    rows: z.number().int().openapi({ description: 'Data rows read.', example: 300 }),
    problems: z.array(ImportProblemSchema).openapi({ description: 'Every problem found; the import writes only when there is none.' }),
    memberships_created: z.number().int().openapi({ description: 'Towns put on a list (or that would be).', example: 0 }),
    events: z.array(WrittenEventSchema).openapi({ description: 'The events written (or that would be), in file order.' }),
  })
  .openapi('ImportReport');

export const AuditQuery = z
  .object({
    entity: z.enum(AUDIT_ENTITIES).optional().openapi({
      description: "Only entries about this kind of record (`responses`: exports of a survey's raw responses).",
      example: 'event',
    }),
    entity_id: z.string().max(200).optional().openapi({ description: 'Only entries about this record (with `entity`).', example: '801' }),
    actor: z.string().max(100).optional().openapi({ description: 'Only entries by this token name.', example: 'local-dev' }),
    limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: 'Entries per page, 1–500.', example: 100 }),
    cursor: z.string().max(100).optional().openapi({ description: 'Opaque cursor from `next_cursor`.' }),
  })
  .strict();

export const AuditEntrySchema = z
  .object({
    id: z.number().int().openapi({ description: 'Entry id, increasing.', example: 1 }),
    at: z.string().openapi({ description: 'When (UTC, ISO 8601).', example: '2026-11-23T10:00:00.000Z' }),
    actor: z.string().openapi({ description: 'Name of the admin token used.', example: 'local-dev' }),
    action: z.enum(AUDIT_ACTIONS).openapi({
      description:
        'What was done: `create`, `update`, `import`, `export` (personal data read out), or `accept` / `decline` (a public suggestion decided).',
      example: 'create',
    }),
    entity: z.enum(AUDIT_ENTITIES).openapi({ description: 'Kind of record.', example: 'event' }),
    entity_id: z.string().openapi({
      description: "Id of the record (`town/list` for a membership; the survey id for a survey's window and for its responses).",
      example: '801',
    }),
    before: z.unknown().nullable().openapi({
      description: "The record before (as in the change feed; a survey's window); null when created, and for an export.",
      example: null,
    }),
    after: z
      .unknown()
      .nullable()
      .openapi({
        description:
          'The record after. For an export of responses, what was exported and never the data: `format`, `rows` and `submitted_up_to` (the export holds exactly the responses submitted up to then).',
        example: { id: 801, town_id: 'beijing-changgouzhen', status: 'retained' },
      }),
    request_id: z.string().openapi({ description: 'Shared by the entries one request wrote (e.g. one import).', example: '0f8e…' }),
  })
  .openapi('AuditEntry');

export const AuditPageSchema = pageSchema(AuditEntrySchema, 'AuditPage');

export type SourceInput = z.infer<typeof SourceInputSchema>;
export type ListCreate = z.infer<typeof ListCreateSchema>;
export type ListUpdate = z.infer<typeof ListUpdateSchema>;
export type TownCreate = z.infer<typeof TownCreateSchema>;
export type MembershipCreate = z.infer<typeof MembershipCreateSchema>;
export type EventCreate = z.infer<typeof EventCreateSchema>;
export type ImportProblem = z.infer<typeof ImportProblemSchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
