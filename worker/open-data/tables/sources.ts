import type { Source } from '../../services/sources.ts';
import { noteFields, precisionField, precisionOf, sourceDate, sourceUrlsField, type Table } from '../table.ts';

export const SOURCES_TABLE: Table<Source> = {
  name: 'sources',
  title: { zh: '来源文件', en: 'Source documents' },
  description: {
    zh: '名单、状态事件和报告数字所引用的每一份通知、报告和排名，附读到它的网页。',
    en: 'Every notice, report and ranking that a list, status event or reported figure cites, with the copies where it was read.',
  },
  apiPath: '/api/v1/sources',
  primaryKey: 'id',
  fields: [
    {
      name: 'id',
      type: 'string',
      title: { zh: '来源编号', en: 'Source id' },
      description: { zh: '来源文件的稳定标识。', en: 'Stable id of the source document.' },
      constraints: { required: true, unique: true },
      value: (s) => s.id,
    },
    {
      name: 'title',
      type: 'string',
      title: { zh: '标题', en: 'Title' },
      description: { zh: '文件标题。', en: 'Title of the document.' },
      constraints: { required: true },
      value: (s) => s.title,
    },
    {
      name: 'document_number',
      type: 'string',
      title: { zh: '文号', en: 'Document number' },
      description: { zh: '文号（已知时）。', en: 'Document number, when known.' },
      value: (s) => s.document_number,
    },
    {
      name: 'issuer',
      type: 'string',
      title: { zh: '发布机关', en: 'Issuer' },
      description: { zh: '发布机关。', en: 'Issuing authority.' },
      value: (s) => s.issuer,
    },
    sourceDate(
      'published_on',
      { zh: '发布日期', en: 'Published on' },
      { zh: '文件日期，', en: 'Date of the document.' },
      (s) => s.published_on,
      'published_on_precision',
    ),
    precisionField('published_on_precision', 'published_on', (s) => precisionOf(s.published_on)),
    sourceUrlsField('urls', (s) => s.urls),
    ...noteFields({ zh: '该文件', en: 'the document' }),
  ],
};
