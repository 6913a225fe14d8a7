import { STATUSES } from '../../lib/statuses.ts';
import type { StatusEvent, TownStatusEvent } from '../../services/towns.ts';
import {
  confidenceField,
  type Field,
  noteFields,
  precisionField,
  sourceDate,
  sourceRefFields,
  sourceUrlsField,
  type Table,
} from '../table.ts';

/** The columns of an event, as a town's history CSV has them. */
export const EVENT_FIELDS: Field<StatusEvent>[] = [
  {
    name: 'id',
    type: 'integer',
    title: { zh: '事件编号', en: 'Event id' },
    description: { zh: '状态事件的编号。', en: 'Id of the status event.' },
    constraints: { required: true, unique: true },
    value: (e) => e.id,
  },
  {
    name: 'list_id',
    type: 'string',
    title: { zh: '名单编号', en: 'List id' },
    description: { zh: '事件所涉名单。', en: 'The list the event is about.' },
    constraints: { required: true },
    value: (e) => e.list_id,
  },
  {
    name: 'list_name',
    type: 'string',
    title: { zh: '名单名称', en: 'List name' },
    description: { zh: '名单名称。', en: 'Name of the list.' },
    constraints: { required: true },
    value: (e) => e.list_name,
  },
  {
    name: 'status',
    type: 'string',
    title: { zh: '状态', en: 'Status' },
    description: { zh: '事件赋予的状态。', en: 'The status the event gave.' },
    constraints: { required: true, enum: STATUSES },
    value: (e) => e.status,
  },
  {
    name: 'status_raw',
    type: 'string',
    title: { zh: '原文措辞', en: 'Source wording' },
    description: { zh: '来源的原文措辞（如 警告、优秀）。', en: 'The wording of the source (e.g. 警告, 优秀).' },
    value: (e) => e.status_raw,
  },
  sourceDate(
    'effective_date',
    { zh: '生效日期', en: 'Effective date' },
    { zh: '状态生效的日期，', en: 'Date the status took effect.' },
    (e) => e.effective_date,
    'date_precision',
  ),
  precisionField('date_precision', 'effective_date', (e) => e.date_precision),
  {
    name: 'date_note',
    type: 'string',
    title: { zh: '日期说明', en: 'Date note' },
    description: { zh: '来源对日期的原文表述（限定语等）。', en: "The source's own wording of the date when it says more." },
    value: (e) => e.date_note,
  },
  ...sourceRefFields<StatusEvent>((e) => e.source),
  {
    name: 'document_number',
    type: 'string',
    title: { zh: '文号', en: 'Document number' },
    description: { zh: '来源文件的文号（已知时）。', en: 'Document number of the source, when known.' },
    value: (e) => e.source?.document_number,
  },
  confidenceField((e) => e.confidence),
  sourceUrlsField('source_urls', (e) => e.source_urls),
  ...noteFields({ zh: '该事件（如评估结论的后果）', en: 'the event (e.g. the consequence a review ordered)' }),
  // Whether an event counts: without these a corrected or not-yet-effective event would look valid in a spreadsheet.
  {
    name: 'supersedes',
    type: 'integer',
    title: { zh: '更正的事件', en: 'Supersedes' },
    description: { zh: '本事件更正的事件编号。', en: 'Id of the event this one corrects.' },
    value: (e) => e.supersedes,
  },
  {
    name: 'superseded_by',
    type: 'integer',
    title: { zh: '被更正于', en: 'Superseded by' },
    description: {
      zh: '更正本事件的事件编号；被更正的事件保留在历史中，但不再决定状态。',
      en: 'Id of the event that corrects this one; a superseded event stays in the history but counts for no status.',
    },
    value: (e) => e.superseded_by,
  },
  {
    name: 'recorded_at',
    type: 'string',
    title: { zh: '录入时间', en: 'Recorded at' },
    description: {
      zh: '通过管理接口录入的时间（UTC，ISO 8601）；从数据文件载入的事件为空。',
      en: 'When it was recorded through the admin API (UTC, ISO 8601); empty for events loaded from the data files.',
    },
    value: (e) => e.recorded_at,
  },
  {
    name: 'suggested_by_public',
    type: 'boolean',
    title: { zh: '公众建议', en: 'Suggested by the public' },
    description: {
      zh: '事件来自公众提交、经工作人员核实采纳的建议时为 true。',
      en: 'True when the event was recorded from a suggestion sent by the public and accepted by staff.',
    },
    constraints: { required: true },
    value: (e) => e.suggested_by_public,
  },
  {
    name: 'scheduled',
    type: 'boolean',
    title: { zh: '尚未生效', en: 'Scheduled' },
    description: {
      zh: '事件日期在今天（北京时间）之后时为 true，届时自动生效。',
      en: 'True while the event is still to come (after today in Beijing time); it takes effect on its day.',
    },
    constraints: { required: true },
    value: (e) => e.scheduled,
  },
];

export const STATUS_EVENTS_TABLE: Table<TownStatusEvent> = {
  name: 'status-events',
  title: { zh: '状态变动历史', en: 'Status history' },
  description: {
    zh: '每个小镇在每份名单上的每一次有日期的状态变动（入选、命名、保留、警告、降级、淘汰……），各附来源文件与可信度。',
    en: 'Every dated status change of every town on every list (listed, named, retained, warned, downgraded, eliminated…), each with its source document and confidence.',
  },
  apiPath: '/api/v1/status-events',
  primaryKey: 'id',
  foreignKeys: [
    { fields: 'town_id', reference: { resource: 'towns', fields: 'id' } },
    { fields: 'list_id', reference: { resource: 'lists', fields: 'id' } },
    { fields: 'source_id', reference: { resource: 'sources', fields: 'id' } },
  ],
  fields: [
    {
      name: 'town_id',
      type: 'string',
      title: { zh: '小镇编号', en: 'Town id' },
      description: { zh: 'towns 表中的小镇。', en: 'The town, in the towns table.' },
      constraints: { required: true },
      value: (e) => e.town_id,
    },
    {
      name: 'town_name',
      type: 'string',
      title: { zh: '小镇名称', en: 'Town name' },
      description: { zh: '小镇名称（便于阅读）。', en: 'Name of the town (for reading).' },
      constraints: { required: true },
      value: (e) => e.town_name,
    },
    ...(EVENT_FIELDS as Field<TownStatusEvent>[]),
  ],
};
