import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Tables of the open-data service. Column names are internal: the public
 * contract lives in worker/schemas and rows are mapped to it, so renaming a
 * column here never changes the API.
 */

/** Official documents (notices, reports) that lists, events and figures cite. */
export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  documentNumber: text('document_number'),
  issuer: text('issuer'),
  publishedOn: text('published_on'),
  urls: text('urls', { mode: 'json' }).$type<string[]>().notNull(),
  note: text('note'),
  /** The Chinese twin of `note` (which is our English text); null when no translation was written. */
  noteZh: text('note_zh'),
  /** `data` rows come from the data files and follow them on reload; `admin` rows were written through the admin API and are kept. */
  origin: text('origin').notNull().default('data'),
});

export const lists = sqliteTable(
  'lists',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level').notNull(),
    kind: text('kind').notNull(),
    province: text('province'),
    issuer: text('issuer'),
    publishedOn: text('published_on'),
    documentTitle: text('document_title'),
    documentNumber: text('document_number'),
    sourceId: text('source_id').references(() => sources.id),
    sourceUrl: text('source_url'),
    officialCount: integer('official_count'),
    /** Rollup of memberships, refreshed by every write that adds one. */
    townCount: integer('town_count').notNull().default(0),
    complete: integer('complete', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    /** The Chinese twin of `note` (which is our English text); null when no translation was written. */
    noteZh: text('note_zh'),
    position: integer('position').notNull(),
    origin: text('origin').notNull().default('data'),
  },
  (t) => [index('lists_level_idx').on(t.level, t.position), index('lists_position_idx').on(t.position)],
);

/** Per-province counts printed in a notice, so that a province's gap is visible. */
export const listProvinceCounts = sqliteTable(
  'list_province_counts',
  {
    listId: text('list_id')
      .notNull()
      .references(() => lists.id),
    province: text('province').notNull(),
    officialCount: integer('official_count').notNull(),
    townCount: integer('town_count').notNull().default(0),
    source: text('source'),
  },
  (t) => [primaryKey({ columns: [t.listId, t.province] })],
);

export const towns = sqliteTable(
  'towns',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    /** Lower-case name, toneless pinyin without spaces and initials: what `q` searches. */
    searchText: text('search_text').notNull(),
    province: text('province').notNull(),
    city: text('city'),
    county: text('county'),
    industry: text('industry'),
    note: text('note'),
    /** The Chinese twin of `note` (which is our English text); null when no translation was written. */
    noteZh: text('note_zh'),
    origin: text('origin').notNull().default('data'),
    /**
     * The most precise official division code (统计用区划代码) known: 9 digits for a township, 6 a county, 4 a
     * city, 2 a province; codes nest by prefix. Matched by the loader (scripts/data/divisions.ts); null for towns
     * added through the admin API.
     */
    divisionCode: text('division_code'),
    /** The official city and county of that code, where the source left `city` or `county` empty. */
    derivedCity: text('derived_city'),
    derivedCounty: text('derived_county'),
  },
  (t) => [
    index('towns_pinyin_idx').on(t.namePinyin, t.id),
    index('towns_province_idx').on(t.province, t.namePinyin, t.id),
    index('towns_city_idx').on(t.city, t.namePinyin, t.id),
    index('towns_county_idx').on(t.county, t.namePinyin, t.id),
    // A prefix of the code is a range of it (division-filter.ts), which this index serves.
    index('towns_division_idx').on(t.divisionCode, t.namePinyin, t.id),
  ],
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey(),
    townId: text('town_id')
      .notNull()
      .references(() => towns.id),
    listId: text('list_id')
      .notNull()
      .references(() => lists.id),
    listedAs: text('listed_as'),
    position: integer('position'),
    confidence: text('confidence'),
    sourceUrls: text('source_urls', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
    /** The Chinese twin of `note` (which is our English text); null when no translation was written. */
    noteZh: text('note_zh'),
    /**
     * The stage of the listing the row's source saw: `public-notice` (公示, before the final list), `final` (the final
     * notice or a report after it) or `deduced`; null when the data file does not say. `source_stage_date` is the date
     * of that stage or report as the file gives it (YYYY, YYYY-MM or YYYY-MM-DD).
     */
    sourceStage: text('source_stage'),
    sourceStageDate: text('source_stage_date'),
    /** Rollup of the latest event, so the default (today's) view needs no event scan. */
    currentStatus: text('current_status').notNull(),
    currentSince: text('current_since'),
    origin: text('origin').notNull().default('data'),
  },
  (t) => [
    uniqueIndex('memberships_town_list_uq').on(t.townId, t.listId),
    index('memberships_list_status_idx').on(t.listId, t.currentStatus, t.townId),
    index('memberships_status_idx').on(t.currentStatus, t.townId),
  ],
);

export const statusEvents = sqliteTable(
  'status_events',
  {
    id: integer('id').primaryKey(),
    membershipId: integer('membership_id')
      .notNull()
      .references(() => memberships.id),
    townId: text('town_id')
      .notNull()
      .references(() => towns.id),
    listId: text('list_id')
      .notNull()
      .references(() => lists.id),
    status: text('status').notNull(),
    statusRaw: text('status_raw'),
    /** As precise as the source: YYYY-MM-DD, YYYY-MM or YYYY; null when unknown. */
    effectiveDate: text('effective_date'),
    datePrecision: text('date_precision'),
    /** Last day the event may have taken effect: what `as_of` compares with. */
    effectiveOn: text('effective_on'),
    dateNote: text('date_note'),
    sourceId: text('source_id').references(() => sources.id),
    confidence: text('confidence'),
    sourceUrls: text('source_urls', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
    /** The Chinese twin of `note` (which is our English text); null when no translation was written. */
    noteZh: text('note_zh'),
    origin: text('origin').notNull().default('data'),
    /** Identity of an event loaded from the data files (town, list, status, date), so a reload updates it in place; null for admin events. */
    dataKey: text('data_key'),
    /** The event this one corrects. The corrected event stays, and no longer counts for any status. */
    supersedesId: integer('supersedes_id'),
    recordedAt: text('recorded_at'),
    /** Name of the admin token that recorded it; null for loaded events. */
    recordedBy: text('recorded_by'),
    /** The public suggestion (suggestions.id) an import turned into this event; null for all others. */
    suggestionId: text('suggestion_id'),
  },
  (t) => [
    index('events_membership_idx').on(t.membershipId, t.effectiveOn, t.id),
    index('events_town_idx').on(t.townId, t.effectiveOn, t.id),
    /** Finds the events whose day has come since the statuses were last brought up to date (worker/scheduled.ts). */
    index('events_effective_on_idx').on(t.effectiveOn),
    uniqueIndex('events_data_key_uq').on(t.dataKey),
    uniqueIndex('events_supersedes_uq').on(t.supersedesId),
    index('events_suggestion_idx').on(t.suggestionId),
  ],
);

/** Figures the authorities reported without naming the towns. */
export const reportedFigures = sqliteTable(
  'reported_figures',
  {
    id: integer('id').primaryKey(),
    level: text('level').notNull(),
    province: text('province'),
    issuer: text('issuer'),
    effectiveDate: text('effective_date'),
    datePrecision: text('date_precision'),
    dateNote: text('date_note'),
    eventType: text('event_type').notNull(),
    listId: text('list_id').references(() => lists.id),
    listName: text('list_name'),
    figure: text('figure'),
    count: integer('count'),
    detail: text('detail'),
    /** The Chinese twin of `detail`; null when no translation was written. */
    detailZh: text('detail_zh'),
    sourceId: text('source_id').references(() => sources.id),
    confidence: text('confidence'),
    sourceUrls: text('source_urls', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
    /** The Chinese twin of `note` (which is our English text); null when no translation was written. */
    noteZh: text('note_zh'),
  },
  (t) => [index('figures_date_idx').on(t.effectiveDate, t.id)],
);

/** Key-value facts about the data set, such as the data version used in ETags. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * The change feed: the latest change of every public entity, numbered in
 * order. Filled by triggers (migration 0002) on every table it covers, so
 * loader and admin writes can never forget it; a later change of an entity
 * replaces its row with a higher `seq`.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [uniqueIndex('change_log_entity_uq').on(t.entity, t.entityId), index('change_log_entity_seq_idx').on(t.entity, t.seq)],
);

/**
 * Every admin action (writes, and exports of personal data): who, when, what,
 * before and after. Append-only, enforced by triggers (migration 0004) that
 * refuse any UPDATE or DELETE of a row.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    /** Groups the entries of one request, such as all rows of one import. */
    requestId: text('request_id').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId, t.id), index('audit_actor_idx').on(t.actor, t.id)],
);

/**
 * Idempotency-Keys of admin imports, with the report the import returned, so
 * a retry after a lost reply gets that report instead of a second import.
 */
export const adminIdempotency = sqliteTable('admin_idempotency', {
  key: text('key').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  report: text('report', { mode: 'json' }).notNull(),
  createdAt: text('created_at').notNull(),
});
