import type { z } from '@hono/zod-openapi';
import type { listProvinceCounts, lists, memberships, reportedFigures, sources, statusEvents, towns } from '../db/schema.ts';
import { type DivisionCodes, divisionCodes } from '../lib/division-code.ts';
import type {
  EventRecordSchema,
  FigureRecordSchema,
  ListRecordSchema,
  MembershipRecordSchema,
  TownRecordSchema,
} from '../schemas/changes.ts';
import type { SourceSchema } from '../schemas/sources.ts';

/*
 * Rows as the records of the change feed and the audit log: one function per
 * table, so the feed, the audit's before/after and the tests that compare the
 * feed with a full download all agree on what a record is.
 */

export type SourceRecord = z.infer<typeof SourceSchema>;
export type ListRecord = z.infer<typeof ListRecordSchema>;
export type TownRecord = z.infer<typeof TownRecordSchema>;
export type MembershipRecord = z.infer<typeof MembershipRecordSchema>;
export type EventRecord = z.infer<typeof EventRecordSchema>;
export type FigureRecord = z.infer<typeof FigureRecordSchema>;

export function sourceRecord(s: typeof sources.$inferSelect): SourceRecord {
  return {
    id: s.id,
    title: s.title,
    document_number: s.documentNumber,
    issuer: s.issuer,
    published_on: s.publishedOn,
    urls: s.urls,
    note: s.note,
    note_zh: s.noteZh,
  };
}

/** `counts` in the order the notice prints them (rowid order), as the list endpoint gives them. */
export function listRecord(l: typeof lists.$inferSelect, counts: (typeof listProvinceCounts.$inferSelect)[]): ListRecord {
  return {
    id: l.id,
    name: l.name,
    name_en: l.nameEn,
    level: l.level as ListRecord['level'],
    kind: l.kind,
    province: l.province,
    issuer: l.issuer,
    published_on: l.publishedOn,
    document_title: l.documentTitle,
    document_number: l.documentNumber,
    source_id: l.sourceId,
    source_url: l.sourceUrl,
    official_count: l.officialCount,
    town_count: l.townCount,
    missing: l.officialCount === null ? null : l.officialCount - l.townCount,
    complete: l.complete,
    note: l.note,
    note_zh: l.noteZh,
    province_counts: counts
      .filter((p) => p.listId === l.id)
      .map((p) => ({
        province: p.province,
        official_count: p.officialCount,
        town_count: p.townCount,
        missing: p.officialCount - p.townCount,
      })),
  };
}

/** A town's official codes of each level and the names they fill in, as every town record gives them. */
export function divisionFields(
  t: Pick<typeof towns.$inferSelect, 'divisionCode' | 'derivedCity' | 'derivedCounty'>,
): DivisionCodes & { derived_city: string | null; derived_county: string | null } {
  return { ...divisionCodes(t.divisionCode), derived_city: t.derivedCity, derived_county: t.derivedCounty };
}

export function townRecord(t: typeof towns.$inferSelect): TownRecord {
  return {
    id: t.id,
    name: t.name,
    name_pinyin: t.namePinyin,
    province: t.province,
    city: t.city,
    county: t.county,
    industry: t.industry,
    ...divisionFields(t),
    note: t.note,
    note_zh: t.noteZh,
  };
}

export function membershipRecord(m: typeof memberships.$inferSelect): MembershipRecord {
  return {
    town_id: m.townId,
    list_id: m.listId,
    status: m.currentStatus as MembershipRecord['status'],
    status_since: m.currentSince,
    listed_as: m.listedAs,
    confidence: m.confidence as MembershipRecord['confidence'],
    source_urls: m.sourceUrls,
    note: m.note,
    note_zh: m.noteZh,
    source_stage: m.sourceStage as MembershipRecord['source_stage'],
    source_stage_date: m.sourceStageDate,
  };
}

export function eventRecord(e: typeof statusEvents.$inferSelect): EventRecord {
  return {
    id: e.id,
    town_id: e.townId,
    list_id: e.listId,
    status: e.status as EventRecord['status'],
    status_raw: e.statusRaw,
    effective_date: e.effectiveDate,
    date_precision: e.datePrecision as EventRecord['date_precision'],
    date_note: e.dateNote,
    source_id: e.sourceId,
    confidence: e.confidence as EventRecord['confidence'],
    source_urls: e.sourceUrls,
    note: e.note,
    note_zh: e.noteZh,
    supersedes: e.supersedesId,
    recorded_at: e.recordedAt,
    suggested_by_public: e.suggestionId !== null && e.suggestionId !== undefined,
  };
}

export function figureRecord(f: typeof reportedFigures.$inferSelect): FigureRecord {
  return {
    id: f.id,
    level: f.level as FigureRecord['level'],
    province: f.province,
    issuer: f.issuer,
    effective_date: f.effectiveDate,
    date_precision: f.datePrecision as FigureRecord['date_precision'],
    date_note: f.dateNote,
    event_type: f.eventType,
    list_id: f.listId,
    list_name: f.listName,
    figure: f.figure,
    count: f.count,
    detail: f.detail,
    detail_zh: f.detailZh,
    source_id: f.sourceId,
    confidence: f.confidence as FigureRecord['confidence'],
    source_urls: f.sourceUrls,
    note: f.note,
    note_zh: f.noteZh,
  };
}
