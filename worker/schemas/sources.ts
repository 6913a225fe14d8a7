import { z } from '@hono/zod-openapi';
import { PRECISIONS } from '../lib/dates.ts';
import { ConfidenceSchema, FormatParam, noteFields, pageSchema, SourceDateValue, SourceRefSchema, SourceUrlsSchema } from './common.ts';
import { LEVELS } from './lists.ts';

export const SourceSchema = z
  .object({
    id: z.string().openapi({ example: 'doc-0928e7541c', description: 'Source id.' }),
    title: z.string().openapi({ example: '住房城乡建设部关于公布第一批中国特色小镇名单的通知', description: 'Title of the document.' }),
    document_number: z.string().nullable().openapi({ example: '建村〔2016〕221号', description: 'Official document number, when known.' }),
    issuer: z.string().nullable().openapi({ example: '住房城乡建设部', description: 'Issuing authority, when known.' }),
    published_on: SourceDateValue.nullable().openapi({
      example: '2016-10-14',
      description: 'Date of the document, as precise as known: YYYY-MM-DD, YYYY-MM or YYYY; null when unknown.',
    }),
    urls: z
      .array(z.string())
      .openapi({ example: ['http://beaconintermodal.cn/view/3148.html'], description: 'Copies of the document or reports quoting it.' }),
    ...noteFields(
      'Remarks, e.g. a disputed document number (a remark that is already Chinese, such as a document number, is the same in `note_zh`).',
      { en: '建村〔2016〕221号', zh: '建村〔2016〕221号' },
    ),
  })
  .openapi('Source');

export const SourcePageSchema = pageSchema(SourceSchema, 'SourcePage');

export const CollectionQuery = z.object({ format: FormatParam }).strict();

export const FigureSchema = z
  .object({
    id: z.number().int().openapi({ example: 1, description: 'Figure id.' }),
    level: z.enum(LEVELS).openapi({ example: 'national', description: 'Level of the reporting authority.' }),
    province: z.string().nullable().openapi({ example: null, description: 'Province the figure is about; null for national figures.' }),
    issuer: z.string().nullable().openapi({ example: '住房城乡建设部', description: 'Who reported it.' }),
    effective_date: SourceDateValue.nullable().openapi({
      example: '2016-10-14',
      description: 'Date of the figure, as precise as known: YYYY-MM-DD, YYYY-MM or YYYY (see `date_precision`); null when unknown.',
    }),
    date_precision: z.enum(PRECISIONS).nullable().openapi({ example: 'day', description: 'Precision of `effective_date`.' }),
    date_note: z.string().nullable().openapi({ example: null, description: "The source's wording of the date when it says more." }),
    event_type: z.string().openapi({ example: 'approved (list)', description: 'What was reported, in the words of the data file.' }),
    list_id: z
      .string()
      .nullable()
      .openapi({ example: 'mohurd-2016-batch1', description: 'The list the figure is about, when it is one we hold.' }),
    list_name: z.string().nullable().openapi({ example: '第一批中国特色小镇', description: 'The list as the report names it.' }),
    figure: z.string().nullable().openapi({ example: '127', description: 'The figure as reported (may be a phrase such as “400多个”).' }),
    count: z.number().int().nullable().openapi({ example: 127, description: 'The figure as a number, when it is a plain number.' }),
    detail: z.string().nullable().openapi({
      example: '127 towns recognised as the first batch.',
      description: 'What the report says, in English; null when not given.',
    }),
    detail_zh: z
      .string()
      .nullable()
      .openapi({ example: '127个镇被认定为第一批。', description: 'The same in Chinese; null when there is no detail or no translation.' }),
    source: SourceRefSchema.nullable(),
    confidence: ConfidenceSchema,
    source_urls: SourceUrlsSchema,
    ...noteFields('Remarks.'),
  })
  .openapi('ReportedFigure', { description: 'A figure an authority reported without naming the towns.' });

export const FigurePageSchema = pageSchema(FigureSchema, 'ReportedFigurePage');
