import { z } from '@hono/zod-openapi';
import { noteFields } from './common.ts';
import { ListDetailSchema } from './lists.ts';
import { FigureSchema, SourceSchema } from './sources.ts';
import { EventSchema, MembershipDetailSchema, TownSummarySchema } from './towns.ts';

/*
 * Records of the change feed. They are the public records without the names
 * joined in from other records (a list's source title, an event's list name):
 * each record changes only when its own row does, and a client joins by id.
 */

const SourceIdField = z
  .string()
  .nullable()
  .openapi({ description: 'Id of the source document (a `source` record).', example: 'doc-0928e7541c' });

export const ListRecordSchema = ListDetailSchema.omit({ source: true }).extend({ source_id: SourceIdField }).openapi('ListRecord');

export const TownRecordSchema = TownSummarySchema.omit({ memberships: true })
  .extend(noteFields('Remarks on the town.'))
  .openapi('TownRecord');

export const MembershipRecordSchema = MembershipDetailSchema.omit({ list_name: true, level: true })
  .extend({ town_id: z.string().openapi({ description: 'Town id.', example: 'beijing-changgouzhen' }) })
  .openapi('MembershipRecord', { description: 'A town on a list, with its current status there.' });

// `scheduled` depends on the day it is read, not on the record: the feed carries `effective_date`, from which a client tells.
export const EventRecordSchema = EventSchema.omit({ list_name: true, source: true, superseded_by: true, scheduled: true })
  .extend({ town_id: z.string().openapi({ description: 'Town id.', example: 'beijing-changgouzhen' }), source_id: SourceIdField })
  .openapi('StatusEventRecord');

export const FigureRecordSchema = FigureSchema.omit({ source: true }).extend({ source_id: SourceIdField }).openapi('ReportedFigureRecord');

export const ENTITIES = ['source', 'list', 'town', 'membership', 'event', 'figure'] as const;
export type Entity = (typeof ENTITIES)[number];

export const ChangeSchema = z
  .object({
    seq: z.number().int().openapi({ description: 'Position in the feed; pass the last one you processed as `since`.', example: 2280 }),
    entity: z.enum(ENTITIES).openapi({ description: 'Kind of record.', example: 'event' }),
    id: z.string().openapi({ description: 'Id of the record; `town_id/list_id` for a membership.', example: '801' }),
    op: z
      .enum(['upsert', 'delete'])
      .openapi({ description: '`upsert`: the record as it is now (replace your copy); `delete`: remove it.', example: 'upsert' }),
    changed_at: z.string().openapi({ description: 'When it changed (UTC, ISO 8601).', example: '2026-11-23T10:00:00.000Z' }),
    data: z
      .union([SourceSchema, ListRecordSchema, TownRecordSchema, MembershipRecordSchema, EventRecordSchema, FigureRecordSchema])
      .nullable()
      .openapi({ description: 'The record (its schema follows `entity`); null for `delete`.' }),
  })
  .openapi('Change', { description: 'The latest change of one record. A record changed twice appears once, at its later position.' });

export const ChangesQuery = z
  .object({
    since: z
      .string()
      .regex(/^\d{1,15}$/, 'a sequence number from the feed')
      .default('0')
      .openapi({ description: 'Return changes after this `seq` (0, the default, replays everything).', example: '0' }),
    limit: z.coerce.number().int().min(1).max(1000).default(500).openapi({ description: 'Changes per page, 1–1000.', example: 500 }),
  })
  .strict();

export const ChangePageSchema = z
  .object({
    items: z.array(ChangeSchema).openapi({ description: 'Changes in `seq` order.' }),
    next_since: z
      .string()
      .openapi({ description: 'Pass as `since` for the next page, or later to poll for new changes.', example: '2780' }),
    has_more: z.boolean().openapi({ description: 'True when more changes follow right away.', example: true }),
  })
  .openapi('ChangePage');

export type Change = z.infer<typeof ChangeSchema>;
