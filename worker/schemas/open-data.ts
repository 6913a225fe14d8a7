import { z } from '@hono/zod-openapi';

const text = (description: string, example: string) => z.string().openapi({ description, example });

const LicenceSchema = z
  .object({
    name: text('SPDX identifier of the licence.', 'CC-BY-4.0'),
    path: text('URL of the licence text.', 'https://creativecommons.org/licenses/by/4.0/'),
    title: text('Full name of the licence.', 'Creative Commons Attribution 4.0 International'),
  })
  .openapi('Licence', { description: 'A licence, by its SPDX id and URL.' });

const FieldSchema = z
  .object({
    name: text('Column name, as in the CSV header.', 'published_on'),
    type: z.enum(['string', 'integer', 'number', 'boolean']).openapi({ description: 'Table Schema type of the column.', example: 'string' }),
    format: text('Table Schema format, where one applies.', 'uri').optional(),
    title: text('Title, Chinese / English.', '发布日期 / Published on'),
    description: text('What the column holds, Chinese / English.', '通知的日期 / Date of the notice.'),
    constraints: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Table Schema constraints: required, unique, enum, pattern, minimum, maximum.', example: { required: true } }),
    separator: text('Between the values of a multi-valued cell.', '; ').optional(),
  })
  .openapi('TableSchemaField', { description: 'One column of a CSV.' });

const ForeignKeySchema = z
  .object({
    fields: text('The column that points to another table.', 'list_id'),
    reference: z
      .object({ resource: text('The table pointed to.', 'lists'), fields: text('Its key column.', 'id') })
      .openapi({ description: 'The table and column the values must be found in.' }),
  })
  .openapi('ForeignKey', { description: 'A column whose values are keys of another table.' });

const TableSchemaSchema = z
  .object({
    fields: z.array(FieldSchema).openapi({ description: 'The columns, in the order of the CSV.' }),
    missingValues: z.array(z.string()).openapi({ description: 'Cells that mean "no value": the empty cell.', example: [''] }),
    primaryKey: z.union([z.string(), z.array(z.string())]).optional().openapi({ description: 'The column (or columns) that identify a row.', example: 'id' }),
    foreignKeys: z.array(ForeignKeySchema).optional().openapi({ description: 'Columns that point to other tables of the package.' }),
  })
  .openapi('TableSchema', { description: 'A Frictionless Table Schema.' });

const ResourceSchema = z
  .object({
    profile: z.literal('tabular-data-resource').openapi({ description: 'Frictionless profile of the resource.', example: 'tabular-data-resource' }),
    name: text('Name of the table, also its file name in the snapshot.', 'towns'),
    path: text('URL of the CSV (relative to this document when the service has no configured origin).', 'api/v1/towns?format=csv'),
    title: text('Title, Chinese / English.', '小镇 / Towns'),
    description: text('What the table holds, Chinese / English.', '每个小镇一行 / One row per town.'),
    format: z.literal('csv').openapi({ description: 'File format.', example: 'csv' }),
    mediatype: z.literal('text/csv').openapi({ description: 'Media type.', example: 'text/csv' }),
    encoding: text('Character encoding (the file starts with a byte order mark).', 'utf-8'),
    dialect: z.record(z.string(), z.unknown()).openapi({ description: 'CSV dialect: delimiter, line terminator, quoting, header.', example: { delimiter: ',', header: true } }),
    licenses: z.array(LicenceSchema).openapi({ description: 'The licence of the table.' }),
    schema: TableSchemaSchema,
  })
  .openapi('DataResource', { description: 'One CSV download and its Table Schema.' });

export const DataPackageSchema = z
  .object({
    profile: z.literal('tabular-data-package').openapi({ description: 'Frictionless profile of the package.', example: 'tabular-data-package' }),
    name: text('Name of the package.', 'tesexiaozhen-open-data'),
    id: text('URL of this document (when the service has a configured origin).', 'https://example.org/datapackage.json').optional(),
    homepage: text('The site (when the service has a configured origin).', 'https://example.org/').optional(),
    title: text('Title, Chinese / English.', '特色小镇开放数据 / Open data on China’s characteristic towns'),
    description: text('What the data is, Chinese / English.', '国家和各省公布的特色小镇名单… / The lists of characteristic towns…'),
    data_version: text('The version of the data the package describes; it changes with every change of the lists.', 'd41d8cd98f00b204').optional(),
    created: text('When that version was made (UTC).', '2026-11-26T08:00:00.000Z').optional(),
    keywords: z.array(z.string()).openapi({ description: 'Keywords, Chinese and English.', example: ['特色小镇', 'characteristic towns'] }),
    licenses: z.array(LicenceSchema).openapi({ description: 'The one licence of the data.' }),
    sources: z
      .array(z.object({ title: text('Where the data comes from.', 'Official notices'), path: text('Where that is described.', 'data') }).openapi({ description: 'A source of the data.' }))
      .openapi({ description: 'Where the data comes from; each row also cites its own document.' }),
    resources: z.array(ResourceSchema).openapi({ description: 'Every public CSV.' }),
  })
  .openapi('DataPackage', { description: 'A Frictionless Tabular Data Package (https://specs.frictionlessdata.io/data-package/).' });
