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
    type: z
      .enum(['string', 'integer', 'number', 'boolean'])
      .openapi({ description: 'Table Schema type of the column.', example: 'string' }),
    format: text('Table Schema format, where one applies.', 'uri').optional(),
    title: text('Title, Chinese / English.', '发布日期 / Published on'),
    description: text('What the column holds, Chinese / English.', '通知的日期 / Date of the notice.'),
    constraints: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({
        description: 'Table Schema constraints: required, unique, enum, pattern, minimum, maximum.',
        example: { required: true },
      }),
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
    primaryKey: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .openapi({ description: 'The column (or columns) that identify a row.', example: 'id' }),
    foreignKeys: z.array(ForeignKeySchema).optional().openapi({ description: 'Columns that point to other tables of the package.' }),
  })
  .openapi('TableSchema', { description: 'A Frictionless Table Schema.' });

const ResourceSchema = z
  .object({
    profile: z
      .literal('tabular-data-resource')
      .openapi({ description: 'Frictionless profile of the resource.', example: 'tabular-data-resource' }),
    name: text('Name of the table, also its file name in the snapshot.', 'towns'),
    path: text('URL of the CSV (relative to this document when the service has no configured origin).', 'api/v1/towns?format=csv'),
    title: text('Title, Chinese / English.', '小镇 / Towns'),
    description: text('What the table holds, Chinese / English.', '每个小镇一行 / One row per town.'),
    format: z.literal('csv').openapi({ description: 'File format.', example: 'csv' }),
    mediatype: z.literal('text/csv').openapi({ description: 'Media type.', example: 'text/csv' }),
    encoding: text('Character encoding (the file starts with a byte order mark).', 'utf-8'),
    dialect: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'CSV dialect: delimiter, line terminator, quoting, header.', example: { delimiter: ',', header: true } }),
    licenses: z.array(LicenceSchema).openapi({ description: 'The licence of the table.' }),
    schema: TableSchemaSchema,
  })
  .openapi('DataResource', { description: 'One CSV download and its Table Schema.' });

export const DataPackageSchema = z
  .object({
    profile: z
      .literal('tabular-data-package')
      .openapi({ description: 'Frictionless profile of the package.', example: 'tabular-data-package' }),
    name: text('Name of the package.', 'tesexiaozhen-open-data'),
    id: text('URL of this document (when the service has a configured origin).', 'https://example.org/datapackage.json').optional(),
    homepage: text('The site (when the service has a configured origin).', 'https://example.org/').optional(),
    title: text('Title, Chinese / English.', '特色小镇开放数据 / Open data on China’s characteristic towns'),
    description: text('What the data is, Chinese / English.', '国家和各省公布的特色小镇名单… / The lists of characteristic towns…'),
    data_version: text(
      'The version of the data the package describes; it changes with every change of the lists.',
      'd41d8cd98f00b204',
    ).optional(),
    created: text('When that version was made (UTC).', '2026-11-26T08:00:00.000Z').optional(),
    keywords: z.array(z.string()).openapi({ description: 'Keywords, Chinese and English.', example: ['特色小镇', 'characteristic towns'] }),
    licenses: z.array(LicenceSchema).openapi({ description: 'The one licence of the data.' }),
    sources: z
      .array(
        z
          .object({ title: text('Where the data comes from.', 'Official notices'), path: text('Where that is described.', 'data') })
          .openapi({ description: 'A source of the data.' }),
      )
      .openapi({ description: 'Where the data comes from; each row also cites its own document.' }),
    resources: z.array(ResourceSchema).openapi({ description: 'Every public CSV.' }),
  })
  .openapi('DataPackage', { description: 'A Frictionless Tabular Data Package (https://specs.frictionlessdata.io/data-package/).' });

const LinkSchema = z
  .object({ '@id': text('An IRI (relative ones resolve against this document).', 'https://creativecommons.org/licenses/by/4.0/') })
  .openapi('JsonLdLink', { description: 'A link to another resource.' });
const TaggedSchema = z
  .array(
    z
      .object({ '@value': text('The text.', '特色小镇开放数据'), '@language': text('Its language (BCP 47).', 'zh-Hans') })
      .openapi({ description: 'A text in one language.' }),
  )
  .openapi({ description: 'The same text in Chinese and English.' });

export const CatalogSchema = z
  .object({
    '@context': z.record(z.string(), z.string()).openapi({
      description: 'Prefixes of the vocabularies used (DCAT, Dublin Core terms, FOAF, RDFS, XSD).',
      example: { dcat: 'http://www.w3.org/ns/dcat#' },
    }),
    '@id': text('IRI of the catalogue.', 'https://example.org/catalog.jsonld'),
    '@type': z.literal('dcat:Catalog').openapi({ description: 'A DCAT catalogue.', example: 'dcat:Catalog' }),
    'dct:title': TaggedSchema,
    'dct:description': TaggedSchema,
    'dct:publisher': z
      .record(z.string(), z.unknown())
      .openapi({ description: 'Who publishes the catalogue (foaf:Agent).', example: { '@type': 'foaf:Agent' } }),
    'dct:license': z.record(z.string(), z.unknown()).openapi({
      description: 'The licence (dct:LicenseDocument, with its SPDX id).',
      example: { '@id': 'https://creativecommons.org/licenses/by/4.0/', 'dct:identifier': 'CC-BY-4.0' },
    }),
    'dct:spatial': LinkSchema,
    'dct:language': z.array(LinkSchema).openapi({ description: 'Languages of the data (EU authority table): Chinese and English.' }),
    'dct:modified': z
      .object({
        '@value': text('When the data last changed (UTC).', '2026-11-26T08:00:00.000Z'),
        '@type': text('Datatype.', 'xsd:dateTime'),
      })
      .optional()
      .openapi({ description: 'When the data last changed.' }),
    'foaf:homepage': LinkSchema,
    'dcat:dataset': z.array(z.record(z.string(), z.unknown())).openapi({
      description:
        'The datasets (dcat:Dataset): lists and towns, status history, sources, reported figures, satisfaction results per wave; each with its distributions.',
      example: [{ '@type': 'dcat:Dataset', 'dct:identifier': 'status-history' }],
    }),
  })
  .openapi('Catalog', { description: 'A DCAT 3 / DCAT-AP 3 catalogue in JSON-LD.' });

export const SnapshotParams = z.object({
  snapshot: z
    .string()
    .max(60)
    .openapi({
      param: { name: 'snapshot', in: 'path' },
      description: 'Snapshot id from GET /downloads/: the data version, the Beijing date and a content hash.',
      example: '412-20261126-3f9a0c1b2d4e',
    }),
  file: z
    .string()
    .max(60)
    .openapi({
      param: { name: 'file', in: 'path' },
      description: 'A file of the snapshot: a table as CSV, `datapackage.json` or `SHA256SUMS`.',
      example: 'towns.csv',
    }),
});

export const SnapshotSchema = z
  .object({
    snapshot: text('Id of the snapshot: the same id always serves the same bytes.', '412-20261126-3f9a0c1b2d4e'),
    data_version: text('The version of the lists in it; it changes with every change of the lists.', '412'),
    date: text('The Beijing date the statuses are for (a scheduled status takes effect on its day).', '2026-11-26'),
    data_changed_at: text('When the lists last changed (UTC).', '2026-11-26T08:00:00.000Z').nullable(),
    licence: LicenceSchema,
    checksums: text('URL of the SHA256SUMS file (`sha256sum -c` reads it).', '/downloads/412-20261126-3f9a0c1b2d4e/SHA256SUMS'),
    files: z
      .array(
        z
          .object({
            name: text('File name.', 'towns.csv'),
            url: text(
              'Where to download it; the URL contains the snapshot id and never serves other bytes.',
              '/downloads/412-20261126-3f9a0c1b2d4e/towns.csv',
            ),
            media_type: text('Media type.', 'text/csv; charset=utf-8; header=present'),
            bytes: z.number().int().openapi({ description: 'Size in bytes.', example: 98213 }),
            sha256: text(
              'SHA-256 of the bytes, lower-case hex; also the file’s ETag.',
              'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
            ),
          })
          .openapi('SnapshotFile', { description: 'One file of the snapshot.' }),
      )
      .openapi({ description: 'Every table as CSV, and the data package that describes them.' }),
  })
  .openapi('Snapshot', { description: 'A full snapshot of the public data at the current version.' });
