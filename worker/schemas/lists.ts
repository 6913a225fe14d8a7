import { z } from '@hono/zod-openapi';
import { noteFields, pageSchema, SourceDateValue, SourceRefSchema } from './common.ts';

export const LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;

export const ProvinceCountSchema = z
  .object({
    province: z.string().openapi({ description: 'Province as printed in the notice.', example: '甘肃省' }),
    official_count: z.number().int().openapi({ description: 'Towns of this province according to the notice.', example: 3 }),
    town_count: z.number().int().openapi({ description: 'Towns of this province we hold.', example: 2 }),
    missing: z
      .number()
      .int()
      .openapi({ description: '`official_count - town_count`: towns the notice names that are not in our copy yet.', example: 1 }),
  })
  .openapi('ProvinceCount');

export const ListSchema = z
  .object({
    id: z.string().openapi({ description: 'Stable slug of the list.', example: 'mohurd-2016-batch1' }),
    name: z.string().openapi({ description: 'Name of the list in Chinese.', example: '第一批中国特色小镇' }),
    name_en: z.string().openapi({ description: 'Name of the list in English.', example: 'First batch of Chinese characteristic towns' }),
    level: z.enum(LEVELS).openapi({ description: 'Level of government that issued the list.', example: 'national' }),
    kind: z.string().openapi({
      description:
        'What being on the list means: `named` (title granted), `creation` or `cultivation` (object being built up), `pilot`, `typical` (model cases), `warning-case`.',
      example: 'named',
    }),
    province: z.string().nullable().openapi({ description: 'Province of a provincial list; null for national lists.', example: null }),
    issuer: z.string().nullable().openapi({ description: 'Issuing authority.', example: '住房城乡建设部 (会签国家发展改革委、财政部)' }),
    published_on: SourceDateValue.nullable().openapi({
      description: 'Date of the notice, as precise as known (YYYY-MM-DD, YYYY-MM or YYYY); null when unknown.',
      example: '2016-10-14',
    }),
    document_title: z
      .string()
      .nullable()
      .openapi({ description: 'Title of the notice.', example: '住房城乡建设部关于公布第一批中国特色小镇名单的通知' }),
    document_number: z
      .string()
      .nullable()
      .openapi({ description: 'Document number of the notice, when known.', example: '建村〔2016〕221号' }),
    source: SourceRefSchema.nullable(),
    source_url: z.string().nullable().openapi({
      description: 'Where the notice (or the best copy of it) was read.',
      example: 'http://beaconintermodal.cn/view/3148.html',
    }),
    official_count: z.number().int().nullable().openapi({
      description: 'Number of towns the notice states; null when the notice gives no total or the list is not an official one.',
      example: 127,
    }),
    town_count: z.number().int().openapi({ description: 'Number of towns of this list we hold.', example: 122 }),
    missing: z
      .number()
      .int()
      .nullable()
      .openapi({ description: '`official_count - town_count`; null when the official count is unknown.', example: 5 }),
    complete: z.boolean().openapi({
      description:
        'True only when we hold exactly the official number of towns (and, where the notice gives them, the per-province numbers).',
      example: false,
    }),
    ...noteFields('What is known to be missing or uncertain about this list.', {
      en: 'The ministry page itself was not reachable.',
      zh: '部网站页面本身无法访问。',
    }),
  })
  .openapi('List');

export const ListDetailSchema = ListSchema.extend({
  province_counts: z
    .array(ProvinceCountSchema)
    .openapi({ description: 'Per-province counts printed in the notice; empty when it prints none.' }),
}).openapi('ListDetail');

export const ListPageSchema = pageSchema(ListSchema, 'ListPage');

export const ListIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'List id.', example: 'mohurd-2016-batch1' }),
});
