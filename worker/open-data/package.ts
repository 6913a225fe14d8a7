import { DATASET_DESCRIPTION, DATASET_TITLE, KEYWORDS, LICENCE_REF } from './licence.ts';
import { both, type Table, tableSchema } from './table.ts';
import { PUBLIC_TABLES } from './tables/index.ts';

export interface PackageContext {
  /** Origin the URLs start with; '' gives paths relative to /datapackage.json. */
  origin: string;
  dataVersion: string | null;
  dataChangedAt: string | null;
  /** Where each table's CSV is; by default the API's own CSV export. */
  pathOf?: (table: Table<never>) => string;
}

/** The API path that serves a whole table in `format`. */
export function apiExportPath(table: Pick<Table<never>, 'apiPath'>, format: 'csv' | 'ndjson'): string {
  return `${table.apiPath}${table.apiPath.includes('?') ? '&' : '?'}format=${format}`;
}

/** A table's CSV as the API serves it, absolute or relative to the package (the spec forbids paths that start with `/`). */
export function apiCsvPath(origin: string, table: Table<never>): string {
  const path = apiExportPath(table, 'csv');
  return origin ? `${origin}${path}` : path.slice(1);
}

/**
 * The Frictionless Data Package (tabular) that describes every public CSV,
 * built from the same table definitions that write the CSVs.
 * https://specs.frictionlessdata.io/data-package/
 */
export function dataPackage(ctx: PackageContext): Record<string, unknown> {
  const pathOf = ctx.pathOf ?? ((table) => apiCsvPath(ctx.origin, table));
  return {
    profile: 'tabular-data-package',
    name: 'tesexiaozhen-open-data',
    ...(ctx.origin ? { id: `${ctx.origin}/datapackage.json`, homepage: `${ctx.origin}/` } : {}),
    title: both(DATASET_TITLE),
    description: both(DATASET_DESCRIPTION),
    ...(ctx.dataVersion ? { data_version: ctx.dataVersion } : {}),
    ...(ctx.dataChangedAt ? { created: ctx.dataChangedAt } : {}),
    keywords: [...KEYWORDS.zh, ...KEYWORDS.en],
    licenses: [LICENCE_REF],
    sources: [
      {
        title:
          '国家部委和各省人民政府公布的特色小镇名单及评估通知 / Official notices of ministries and provincial governments (each row cites its own: see the sources resource)',
        path: `${ctx.origin ? `${ctx.origin}/` : ''}data`,
      },
    ],
    resources: PUBLIC_TABLES.map((table) => ({
      profile: 'tabular-data-resource',
      name: table.name,
      path: pathOf(table),
      title: both(table.title),
      description: both(table.description),
      format: 'csv',
      mediatype: 'text/csv',
      // UTF-8; every CSV starts with a byte order mark, so that Excel reads the Chinese right (readers of UTF-8 skip it).
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      licenses: [LICENCE_REF],
      schema: tableSchema(table),
    })),
  };
}
