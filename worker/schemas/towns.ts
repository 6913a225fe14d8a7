import { z } from '@hono/zod-openapi';
import { PRECISIONS } from '../lib/dates.ts';
import { DIVISION_PREFIX } from '../lib/division-code.ts';
import { STATUSES } from '../lib/statuses.ts';
import { TOWN_SORTS } from '../lib/town-sort.ts';
import {
  ConfidenceSchema,
  DateParam,
  FormatParam,
  noteFields,
  pageSchema,
  SourceDateValue,
  SourceRefSchema,
  SourceStageFields,
  SourceUrlsSchema,
} from './common.ts';
import { LEVELS } from './lists.ts';

export const StatusSchema = z.enum(STATUSES).openapi({
  description:
    'Status on a list: `proposed`, `approved` (listed), `pilot`, `named` (passed acceptance), `typical`, `retained` (passed an assessment), `warned` (incl. yellow cards), `rectifying`, `downgraded`, `elimination-proposed`, `eliminated`, `renamed`.',
  example: 'approved',
});

export const TownFilterQuery = z.object({
  list: z.string().max(100).optional().openapi({ description: 'Only towns on this list (list id).', example: 'mohurd-2016-batch1' }),
  status: StatusSchema.optional().openapi({
    description:
      'Only towns with this status on a list (combined with `list`, on that list) on the `as_of` date, or today (Beijing time): a status scheduled for a later day does not count yet.',
  }),
  province: z
    .string()
    .max(50)
    .optional()
    .openapi({ description: 'Province, as written in the lists (e.g. 北京市, 浙江省).', example: '北京市' }),
  city: z.string().max(50).optional().openapi({ description: 'Prefecture-level city.', example: '承德市' }),
  county: z.string().max(50).optional().openapi({ description: 'County or district.', example: '房山区' }),
  level: z.enum(LEVELS).optional().openapi({ description: 'Only towns on a list of this level.', example: 'national' }),
  division_code: z.string().regex(DIVISION_PREFIX, 'a province, city, county or township code: 2, 4, 6 or 9 digits').optional().openapi({
    description:
      "Only towns in this official division (统计用区划代码): a province (2 digits, `33`), city (4, `3301`), county (6, `330110`) or township (9) code, matched as a prefix of the town's most precise code (`township_code`, else `county_code`, `city_code`, `province_code`). A town whose place the sources do not give precisely enough is found only by the shorter codes.",
    example: '1101',
  }),
  q: z.string().min(1).max(50).optional().openapi({
    description: 'Part of the Chinese name, or of its toneless pinyin or pinyin initials: `changgou`, `长沟` and `cgz` all find 长沟镇.',
    example: 'changgou',
  }),
  as_of: DateParam.optional().openapi({
    description:
      'Show each town with the status it had on this date, and only towns listed by then. An event the sources date only to a month or year counts from the last day of that period (or the date it was first reported), so the answer never runs ahead of the evidence; events with no known date are left out. Without `as_of` the answer is for today in Beijing time (UTC+8); an `as_of` after today includes the statuses scheduled by then.',
    example: '2019-01-01',
  }),
});

export const TownListQuery = TownFilterQuery.extend({
  sort: z
    .enum(TOWN_SORTS)
    .default('name')
    .openapi({ description: 'Order: `name` (pinyin), `-name`, `province` (then pinyin), `id`.', example: 'name' }),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'Items per page, 1–500.', example: 50 }),
  cursor: z.string().max(500).optional().openapi({ description: 'Opaque cursor from `next_cursor` of the previous page.' }),
  format: FormatParam,
}).strict();

export const MembershipSchema = z
  .object({
    list_id: z.string().openapi({ description: 'List id.', example: 'mohurd-2016-batch1' }),
    list_name: z.string().openapi({ description: 'List name.', example: '第一批中国特色小镇' }),
    level: z.enum(LEVELS).openapi({ description: 'Level of the list.', example: 'national' }),
    status: StatusSchema,
    status_since: z
      .string()
      .nullable()
      .openapi({ description: 'Date of the event that gave this status, as precise as known; null when unknown.', example: '2016-10-14' }),
    ...SourceStageFields,
  })
  .openapi('Membership', { description: 'A list the town is on, with its status there (on the `as_of` date when given).' });

const code = (level: string, digits: number, example: string | null, more = '') =>
  z
    .string()
    .regex(new RegExp(`^\\d{${digits}}$`))
    .nullable()
    .openapi({ description: `Official code (统计用区划代码, ${digits} digits) of the ${level}${more}; null when not known.`, example });

/**
 * The official division codes of a town, matched by the loader against the National Bureau of Statistics' tables
 * (data/divisions/match-report.md says how and for which towns), and the names they fill in.
 */
const DivisionFields = {
  province_code: code('province', 2, '11'),
  city_code: code(
    'city',
    4,
    '1101',
    ' (for the districts of a municipality and counties under a province directly, the code of that grouping, which has no city name)',
  ),
  county_code: code('county or district', 6, '110111'),
  township_code: code(
    'township (乡镇街道) the town is',
    9,
    '110111108',
    ': only for an administrative town matched to exactly one township, never for a platform that is not one',
  ),
  derived_city: z.string().nullable().openapi({
    description: 'The official name of the city of the codes, given only where no source names the city (`city` is null); null otherwise.',
    example: null,
  }),
  derived_county: z.string().nullable().openapi({
    description:
      'The official name of the county of the codes, given only where no source names the county (`county` is null); null otherwise.',
    example: null,
  }),
};

export const TownSummarySchema = z
  .object({
    id: z.string().openapi({ description: 'Stable town id: province and pinyin of the name.', example: 'beijing-changgouzhen' }),
    name: z.string().openapi({ description: 'Name as printed in the first list that names it.', example: '长沟镇' }),
    name_pinyin: z
      .string()
      .openapi({ description: 'Toneless pinyin of the name, syllables separated by spaces.', example: 'chang gou zhen' }),
    province: z.string().openapi({ example: '北京市', description: 'Province.' }),
    city: z
      .string()
      .nullable()
      .openapi({ example: null, description: 'Prefecture-level city; null when no source gives it (municipalities have none).' }),
    county: z.string().nullable().openapi({ example: '房山区', description: 'County or district; null when no source gives it.' }),
    industry: z
      .string()
      .nullable()
      .openapi({ example: null, description: 'Characteristic industry; null everywhere today because no official list states one.' }),
    ...DivisionFields,
    memberships: z
      .array(MembershipSchema)
      .openapi({ description: 'Every list the town is on (on the `as_of` date when given), in list order.' }),
  })
  .openapi('TownSummary');

export const MembershipDetailSchema = MembershipSchema.extend({
  listed_as: z.string().nullable().openapi({ description: 'The name as this list prints it, when it differs.', example: '房山区长沟镇' }),
  confidence: ConfidenceSchema,
  source_urls: SourceUrlsSchema,
  ...noteFields('Remarks on this row of the list.'),
}).openapi('MembershipDetail');

export const TownSchema = TownSummarySchema.extend({
  ...noteFields('Remarks on the town itself.'),
  memberships: z
    .array(MembershipDetailSchema)
    .openapi({ description: 'Every list the town is on, in list order, with its current status there.' }),
}).openapi('Town');

export const TownPageSchema = pageSchema(TownSummarySchema, 'TownPage');

export const HistoryQuery = z.object({ format: FormatParam }).strict();

export const TownIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(120)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Town id.', example: 'beijing-changgouzhen' }),
});

export const EventSchema = z
  .object({
    id: z.number().int().openapi({ description: 'Event id.', example: 1 }),
    list_id: z.string().openapi({ example: 'mohurd-2016-batch1', description: 'List the event is about.' }),
    list_name: z.string().openapi({ example: '第一批中国特色小镇', description: 'Name of that list.' }),
    status: StatusSchema,
    status_raw: z
      .string()
      .nullable()
      .openapi({ description: 'The wording of the source (e.g. 警告, 优秀, yellow card).', example: 'approved' }),
    effective_date: SourceDateValue.nullable().openapi({
      description:
        'Date the status took effect, as precise as the source: YYYY-MM-DD, YYYY-MM or YYYY (see `date_precision`); null when unknown.',
      example: '2016-10-14',
    }),
    date_precision: z.enum(PRECISIONS).nullable().openapi({ description: 'Precision of `effective_date`.', example: 'day' }),
    date_note: z
      .string()
      .nullable()
      .openapi({ description: "The source's own wording of the date when it says more (a qualifier, a masked year).", example: null }),
    source: SourceRefSchema.nullable(),
    confidence: ConfidenceSchema,
    source_urls: SourceUrlsSchema,
    ...noteFields('Remarks, e.g. the consequence a review ordered.'),
    supersedes: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Id of the event this one corrects; null when it corrects none.', example: null }),
    superseded_by: z.number().int().nullable().openapi({
      description: 'Id of the event that corrects this one. A superseded event stays in the history but counts for no status.',
      example: null,
    }),
    recorded_at: z.string().nullable().openapi({
      description: 'When it was recorded through the admin API (UTC); null for events loaded from the data files.',
      example: null,
    }),
    suggested_by_public: z.boolean().openapi({
      description:
        'True when the event was recorded from a suggestion sent by the public (公众建议) and accepted by staff, with the same checks and source as any other.',
      example: false,
    }),
    scheduled: z.boolean().openapi({
      description:
        'True while the event is still to come: its last possible day (see `as_of`) is after today in Beijing time. A scheduled event counts for no current status, nor for any `as_of` before its day; it takes effect on that day without any further write.',
      example: false,
    }),
  })
  .openapi('StatusEvent', { description: 'A dated status change of a town on a list, with its source.' });

export const HistorySchema = z
  .object({
    town_id: z.string().openapi({ example: 'beijing-changgouzhen', description: 'Town id.' }),
    items: z.array(EventSchema).openapi({ description: 'Events oldest first; events without a known date come first.' }),
  })
  .openapi('TownHistory');

export const MembershipsQuery = TownFilterQuery.extend({ format: FormatParam }).strict();

export const MembershipRowSchema = z
  .object({
    town_id: z.string().openapi({ description: 'Town id.', example: 'beijing-changgouzhen' }),
    town_name: z.string().openapi({ description: 'Town name.', example: '长沟镇' }),
    province: z.string().openapi({ description: 'Province of the town.', example: '北京市' }),
    list_id: z.string().openapi({ description: 'List id.', example: 'mohurd-2016-batch1' }),
    list_name: z.string().openapi({ description: 'List name.', example: '第一批中国特色小镇' }),
    level: z.enum(LEVELS).openapi({ description: 'Level of the list.', example: 'national' }),
    status: StatusSchema,
    status_since: SourceDateValue.nullable().openapi({
      description: 'Date of the event that gave this status, as precise as known (see `status_since_precision`); null when unknown.',
      example: '2016-10-14',
    }),
    status_since_precision: z.enum(PRECISIONS).nullable().openapi({ description: 'Precision of `status_since`.', example: 'day' }),
    ...SourceStageFields,
  })
  .openapi('MembershipRow', { description: 'A town on a list: one row of the long-form table of memberships.' });

export const MembershipPageSchema = pageSchema(MembershipRowSchema, 'MembershipPage');

export const TownStatusEventSchema = EventSchema.extend({
  town_id: z.string().openapi({ description: 'Town the event is about.', example: 'beijing-changgouzhen' }),
  town_name: z.string().openapi({ description: 'Name of that town.', example: '长沟镇' }),
}).openapi('TownStatusEvent', { description: 'A status event with the town it is about.' });

export const StatusEventPageSchema = pageSchema(TownStatusEventSchema, 'StatusEventPage');
