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
    position: integer('position').notNull(),
  },
  (t) => [index('lists_level_idx').on(t.level, t.position), index('lists_position_idx').on(t.position)],
);

/** Per-province counts printed in a notice, so that a province's gap is visible. */
export const listProvinceCounts = sqliteTable(
  'list_province_counts',
  {
    listId: text('list_id').notNull().references(() => lists.id),
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
  },
  (t) => [
    index('towns_pinyin_idx').on(t.namePinyin, t.id),
    index('towns_province_idx').on(t.province, t.namePinyin, t.id),
    index('towns_city_idx').on(t.city, t.namePinyin, t.id),
    index('towns_county_idx').on(t.county, t.namePinyin, t.id),
  ],
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey(),
    townId: text('town_id').notNull().references(() => towns.id),
    listId: text('list_id').notNull().references(() => lists.id),
    listedAs: text('listed_as'),
    position: integer('position'),
    confidence: text('confidence'),
    sourceUrls: text('source_urls', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
    /** Rollup of the latest event, so the default (today's) view needs no event scan. */
    currentStatus: text('current_status').notNull(),
    currentSince: text('current_since'),
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
    membershipId: integer('membership_id').notNull().references(() => memberships.id),
    townId: text('town_id').notNull().references(() => towns.id),
    listId: text('list_id').notNull().references(() => lists.id),
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
    origin: text('origin').notNull().default('data'),
  },
  (t) => [
    index('events_membership_idx').on(t.membershipId, t.effectiveOn, t.id),
    index('events_town_idx').on(t.townId, t.effectiveOn, t.id),
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
    sourceId: text('source_id').references(() => sources.id),
    confidence: text('confidence'),
    sourceUrls: text('source_urls', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
  },
  (t) => [index('figures_date_idx').on(t.effectiveDate, t.id)],
);

/** Key-value facts about the data set, such as the data version used in ETags. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
