import { SOURCE_STAGES } from '../../lib/source-stage.ts';
import { STATUSES } from '../../lib/statuses.ts';
import { LEVELS } from '../../schemas/lists.ts';
import type { ListMembership } from '../../services/towns.ts';
import { PRECISIONS, sourceDate, type Table } from '../table.ts';

export const MEMBERSHIPS_TABLE: Table<ListMembership> = {
  name: 'memberships',
  title: { zh: '小镇与名单', en: 'Towns on lists' },
  description: {
    zh: '小镇在名单上的每一次入选一行（长表）：名单名称、层级、当前状态及其起始日期。',
    en: 'One row per town on a list (long form): the list name, its level, the current status and the date it took effect.',
  },
  apiPath: '/api/v1/memberships',
  primaryKey: ['town_id', 'list_id'],
  foreignKeys: [
    { fields: 'town_id', reference: { resource: 'towns', fields: 'id' } },
    { fields: 'list_id', reference: { resource: 'lists', fields: 'id' } },
  ],
  fields: [
    {
      name: 'town_id',
      type: 'string',
      title: { zh: '小镇编号', en: 'Town id' },
      description: { zh: 'towns 表中的小镇。', en: 'The town, in the towns table.' },
      constraints: { required: true },
      value: (r) => r.town_id,
    },
    {
      name: 'town_name',
      type: 'string',
      title: { zh: '小镇名称', en: 'Town name' },
      description: { zh: '小镇名称（便于阅读）。', en: 'Name of the town (for reading).' },
      constraints: { required: true },
      value: (r) => r.town_name,
    },
    {
      name: 'province',
      type: 'string',
      title: { zh: '省份', en: 'Province' },
      description: { zh: '小镇所在省份。', en: 'Province of the town.' },
      constraints: { required: true },
      value: (r) => r.province,
    },
    {
      name: 'list_id',
      type: 'string',
      title: { zh: '名单编号', en: 'List id' },
      description: { zh: 'lists 表中的名单。', en: 'The list, in the lists table.' },
      constraints: { required: true },
      value: (r) => r.list_id,
    },
    {
      name: 'list_name',
      type: 'string',
      title: { zh: '名单名称', en: 'List name' },
      description: { zh: '名单名称。', en: 'Name of the list.' },
      constraints: { required: true },
      value: (r) => r.list_name,
    },
    {
      name: 'level',
      type: 'string',
      title: { zh: '层级', en: 'Level' },
      description: { zh: '名单的层级。', en: 'Level of the list.' },
      constraints: { required: true, enum: LEVELS },
      value: (r) => r.level,
    },
    {
      name: 'status',
      type: 'string',
      title: { zh: '状态', en: 'Status' },
      description: {
        zh: '小镇在该名单上的当前状态（北京时间今天）；词表见接口文档。',
        en: 'Current status of the town on the list (today in Beijing time); the vocabulary is in the API reference.',
      },
      constraints: { required: true, enum: STATUSES },
      value: (r) => r.status,
    },
    sourceDate(
      'status_since',
      { zh: '状态起始日期', en: 'Status since' },
      { zh: '赋予该状态的事件日期，', en: 'Date of the event that gave this status.' },
      (r) => r.status_since,
      'status_since_precision',
    ),
    {
      name: 'status_since_precision',
      type: 'string',
      title: { zh: '状态起始日期的精度', en: 'Precision of status_since' },
      description: {
        zh: 'status_since 精确到日（day）、月（month）或年（year）；日期未知时为空。',
        en: 'Whether status_since is given to the day, month or year; empty when unknown.',
      },
      constraints: { enum: PRECISIONS },
      value: (r) => r.status_since_precision,
    },
    {
      name: 'source_stage',
      type: 'string',
      title: { zh: '来源阶段', en: 'Source stage' },
      description: {
        zh: '来源所见的名单阶段：public-notice（只见于公示）、final（正式名单或其后的报道）、deduced（推断，见备注）；数据未记录时为空。',
        en: 'The stage of the listing the source saw: public-notice (named only in the public notice, 公示), final (the final list or a report after it), deduced (inferred; see the note); empty where the data does not record it.',
      },
      constraints: { enum: SOURCE_STAGES },
      value: (r) => r.source_stage,
    },
    {
      name: 'source_stage_date',
      type: 'string',
      title: { zh: '来源阶段日期', en: 'Source stage date' },
      description: {
        zh: '该阶段或报道的日期（YYYY-MM-DD、YYYY-MM 或 YYYY）；未给出时为空。',
        en: 'Date of that stage or report (YYYY-MM-DD, YYYY-MM or YYYY); empty when not given.',
      },
      value: (r) => r.source_stage_date,
    },
  ],
};
