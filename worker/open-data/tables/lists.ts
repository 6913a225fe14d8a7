import { LEVELS } from '../../schemas/lists.ts';
import type { List } from '../../services/lists.ts';
import { noteFields, precisionField, precisionOf, sourceDate, type Table } from '../table.ts';

export const LISTS_TABLE: Table<List> = {
  name: 'lists',
  title: { zh: '特色小镇名单', en: 'Lists of characteristic towns' },
  description: {
    zh: '每一份官方名单（国家批次、部委试点、省级创建与培育名单）一行：发布机关、文号、日期、通知所载数量、本数据所收数量及是否完整。',
    en: 'One row per official list (national batches, ministry pilots, provincial creation and cultivation lists): issuer, document number, date, the number the notice states, the number held here, and whether the copy is complete.',
  },
  apiPath: '/api/v1/lists',
  primaryKey: 'id',
  foreignKeys: [{ fields: 'source_id', reference: { resource: 'sources', fields: 'id' } }],
  fields: [
    { name: 'id', type: 'string', title: { zh: '名单编号', en: 'List id' }, description: { zh: '名单的稳定标识。', en: 'Stable slug of the list.' }, constraints: { required: true, unique: true }, value: (l) => l.id },
    { name: 'name', type: 'string', title: { zh: '名单名称', en: 'Name (Chinese)' }, description: { zh: '名单的中文名称。', en: 'Name of the list in Chinese.' }, constraints: { required: true }, value: (l) => l.name },
    { name: 'name_en', type: 'string', title: { zh: '英文名称', en: 'Name (English)' }, description: { zh: '名单的英文名称。', en: 'Name of the list in English.' }, constraints: { required: true }, value: (l) => l.name_en },
    { name: 'level', type: 'string', title: { zh: '层级', en: 'Level' }, description: { zh: '发布名单的政府层级。', en: 'Level of government that issued the list.' }, constraints: { required: true, enum: LEVELS }, value: (l) => l.level },
    {
      name: 'kind', type: 'string', title: { zh: '类别', en: 'Kind' },
      description: { zh: '入选的含义：named（命名）、creation / cultivation（创建、培育对象）、pilot（试点）、typical（典型经验）、warning-case（警示案例）。', en: 'What being on the list means: named, creation or cultivation, pilot, typical (model cases), warning-case.' },
      constraints: { required: true }, value: (l) => l.kind,
    },
    { name: 'province', type: 'string', title: { zh: '省份', en: 'Province' }, description: { zh: '省级名单所属省份；国家名单为空。', en: 'Province of a provincial list; empty for national lists.' }, value: (l) => l.province },
    { name: 'issuer', type: 'string', title: { zh: '发布机关', en: 'Issuer' }, description: { zh: '发布通知的机关。', en: 'Issuing authority.' }, value: (l) => l.issuer },
    sourceDate('published_on', { zh: '发布日期', en: 'Published on' }, { zh: '通知的日期，', en: 'Date of the notice.' }, (l) => l.published_on, 'published_on_precision'),
    precisionField('published_on_precision', 'published_on', (l) => precisionOf(l.published_on)),
    { name: 'document_title', type: 'string', title: { zh: '通知标题', en: 'Document title' }, description: { zh: '通知的标题。', en: 'Title of the notice.' }, value: (l) => l.document_title },
    { name: 'document_number', type: 'string', title: { zh: '文号', en: 'Document number' }, description: { zh: '通知的文号（已知时）。', en: 'Document number of the notice, when known.' }, value: (l) => l.document_number },
    { name: 'source_id', type: 'string', title: { zh: '来源编号', en: 'Source id' }, description: { zh: '通知在 sources 表中的编号。', en: 'The notice in the sources table.' }, value: (l) => l.source?.id },
    { name: 'source_url', type: 'string', format: 'uri', title: { zh: '来源网址', en: 'Source URL' }, description: { zh: '读到通知（或其最佳副本）的网址。', en: 'Where the notice (or the best copy of it) was read.' }, value: (l) => l.source_url },
    { name: 'official_count', type: 'integer', title: { zh: '官方数量', en: 'Official count' }, description: { zh: '通知所载小镇数量；通知未给出总数时为空。', en: 'Number of towns the notice states; empty when it gives no total.' }, constraints: { minimum: 0 }, value: (l) => l.official_count },
    { name: 'town_count', type: 'integer', title: { zh: '已收数量', en: 'Towns held' }, description: { zh: '本数据收录的该名单小镇数量。', en: 'Number of towns of this list held here.' }, constraints: { required: true, minimum: 0 }, value: (l) => l.town_count },
    { name: 'missing', type: 'integer', title: { zh: '缺少数量', en: 'Missing' }, description: { zh: 'official_count − town_count；官方数量未知时为空。', en: 'official_count − town_count; empty when the official count is unknown.' }, value: (l) => l.missing },
    { name: 'complete', type: 'boolean', title: { zh: '是否完整', en: 'Complete' }, description: { zh: '仅当所收数量与官方数量（及各省数量）一致时为 true。', en: 'True only when the towns held match the official number (and the per-province numbers).' }, constraints: { required: true }, value: (l) => l.complete },
    ...noteFields({ zh: '该名单', en: 'the list' }),
  ],
};
