import { LEVELS } from '../../schemas/lists.ts';
import type { Figure } from '../../services/sources.ts';
import { confidenceField, noteFields, precisionField, sourceDate, sourceRefFields, sourceUrlsField, type Table } from '../table.ts';

export const REPORTED_FIGURES_TABLE: Table<Figure> = {
  name: 'reported-figures',
  title: { zh: '报告数字', en: 'Reported figures' },
  description: {
    zh: '主管部门报告、但未列出具体小镇的数字（入选、淘汰、保留……），附来源，便于与已列名的记录对照。',
    en: 'Totals the authorities reported without naming the towns (listed, eliminated, retained…), with their sources, to compare with the named rows.',
  },
  apiPath: '/api/v1/reported-figures',
  primaryKey: 'id',
  foreignKeys: [
    { fields: 'list_id', reference: { resource: 'lists', fields: 'id' } },
    { fields: 'source_id', reference: { resource: 'sources', fields: 'id' } },
  ],
  fields: [
    { name: 'id', type: 'integer', title: { zh: '编号', en: 'Figure id' }, description: { zh: '数字的编号。', en: 'Id of the figure.' }, constraints: { required: true, unique: true }, value: (f) => f.id },
    { name: 'level', type: 'string', title: { zh: '层级', en: 'Level' }, description: { zh: '报告机关的层级。', en: 'Level of the reporting authority.' }, constraints: { required: true, enum: LEVELS }, value: (f) => f.level },
    { name: 'province', type: 'string', title: { zh: '省份', en: 'Province' }, description: { zh: '数字所涉省份；全国数字为空。', en: 'Province the figure is about; empty for national figures.' }, value: (f) => f.province },
    { name: 'issuer', type: 'string', title: { zh: '报告机关', en: 'Issuer' }, description: { zh: '报告该数字的机关。', en: 'Who reported it.' }, value: (f) => f.issuer },
    sourceDate('effective_date', { zh: '日期', en: 'Date' }, { zh: '数字的日期，', en: 'Date of the figure.' }, (f) => f.effective_date, 'date_precision'),
    precisionField('date_precision', 'effective_date', (f) => f.date_precision),
    { name: 'date_note', type: 'string', title: { zh: '日期说明', en: 'Date note' }, description: { zh: '来源对日期的原文表述。', en: "The source's wording of the date when it says more." }, value: (f) => f.date_note },
    { name: 'event_type', type: 'string', title: { zh: '报告内容', en: 'Event type' }, description: { zh: '所报告的事项，用数据文件的措辞。', en: 'What was reported, in the words of the data file.' }, constraints: { required: true }, value: (f) => f.event_type },
    { name: 'list_id', type: 'string', title: { zh: '名单编号', en: 'List id' }, description: { zh: '数字所涉名单（本数据收录时）。', en: 'The list the figure is about, when it is one held here.' }, value: (f) => f.list_id },
    { name: 'list_name', type: 'string', title: { zh: '名单名称', en: 'List name' }, description: { zh: '报告中的名单名称。', en: 'The list as the report names it.' }, value: (f) => f.list_name },
    { name: 'figure', type: 'string', title: { zh: '原文数字', en: 'Figure' }, description: { zh: '报告中的原文数字（可能是“400多个”之类的短语）。', en: 'The figure as reported (may be a phrase such as “400多个”).' }, value: (f) => f.figure },
    { name: 'count', type: 'integer', title: { zh: '数值', en: 'Count' }, description: { zh: '原文为纯数字时的数值。', en: 'The figure as a number, when it is a plain number.' }, value: (f) => f.count },
    { name: 'detail', type: 'string', title: { zh: '内容（英文）', en: 'Detail' }, description: { zh: '报告所述内容（英文）。', en: 'What the report says, in English.' }, value: (f) => f.detail },
    { name: 'detail_zh', type: 'string', title: { zh: '内容', en: 'Detail in Chinese' }, description: { zh: '报告所述内容的中文；尚无译文时为空。', en: 'The same in Chinese; empty when there is no translation yet.' }, value: (f) => f.detail_zh },
    ...sourceRefFields<Figure>((f) => f.source),
    confidenceField((f) => f.confidence),
    sourceUrlsField('source_urls', (f) => f.source_urls),
    ...noteFields({ zh: '该数字', en: 'the figure' }),
  ],
};
