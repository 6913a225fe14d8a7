import { DATASET_DESCRIPTION, DATASET_TITLE, KEYWORDS, LICENCE } from './licence.ts';
import { apiExportPath } from './package.ts';
import type { Bilingual, Table } from './table.ts';
import { LISTS_TABLE } from './tables/lists.ts';
import { MEMBERSHIPS_TABLE } from './tables/memberships.ts';
import { REPORTED_FIGURES_TABLE } from './tables/reported-figures.ts';
import { SATISFACTION_RESULTS_TABLE } from './tables/satisfaction-results.ts';
import { SOURCES_TABLE } from './tables/sources.ts';
import { STATUS_EVENTS_TABLE } from './tables/status-events.ts';
import { TOWNS_TABLE } from './tables/towns.ts';

export interface CatalogContext {
  /** Origin of the service; '' when none is configured, and then every URL is relative to /catalog.jsonld. */
  origin: string;
  /** When the data last changed (UTC), for `dct:modified`. */
  modified: string | null;
  /** The earliest and latest notice dates in the lists (YYYY, YYYY-MM or YYYY-MM-DD). */
  temporal: { start: string | null; end: string | null };
}

/** GeoNames' China: the spatial coverage of every dataset (DCAT-AP recommends a URI). */
const CHINA = 'https://sws.geonames.org/1814991/';

/** A text in both languages as JSON-LD language-tagged values. */
function tagged(text: Bilingual) {
  return [
    { '@value': text.zh, '@language': 'zh-Hans' },
    { '@value': text.en, '@language': 'en' },
  ];
}

/** A date as precise as its source, typed for RDF. */
function dateValue(date: string) {
  const type = date.length === 10 ? 'xsd:date' : date.length === 7 ? 'xsd:gYearMonth' : 'xsd:gYear';
  return { '@value': date, '@type': type };
}

interface DatasetSpec {
  id: string;
  title: Bilingual;
  description: Bilingual;
  tables: Table<never>[];
  keywords: Bilingual[];
}

const DATASETS: DatasetSpec[] = [
  {
    id: 'lists-and-towns',
    title: { zh: '特色小镇名单与小镇', en: 'Lists of characteristic towns and their towns' },
    description: {
      zh: '每一份官方名单及其所列小镇，以及小镇与名单的对应关系（长表）。',
      en: 'Every official list and the towns it names, and which town is on which list (long form).',
    },
    tables: [LISTS_TABLE, TOWNS_TABLE, MEMBERSHIPS_TABLE] as Table<never>[],
    keywords: [{ zh: '名单', en: 'lists' }],
  },
  {
    id: 'status-history',
    title: STATUS_EVENTS_TABLE.title,
    description: STATUS_EVENTS_TABLE.description,
    tables: [STATUS_EVENTS_TABLE] as Table<never>[],
    keywords: [
      { zh: '淘汰', en: 'elimination' },
      { zh: '评估', en: 'assessment' },
    ],
  },
  {
    id: 'sources',
    title: SOURCES_TABLE.title,
    description: SOURCES_TABLE.description,
    tables: [SOURCES_TABLE] as Table<never>[],
    keywords: [{ zh: '通知', en: 'official notices' }],
  },
  {
    id: 'reported-figures',
    title: REPORTED_FIGURES_TABLE.title,
    description: REPORTED_FIGURES_TABLE.description,
    tables: [REPORTED_FIGURES_TABLE] as Table<never>[],
    keywords: [{ zh: '统计', en: 'figures' }],
  },
  {
    id: 'satisfaction-results',
    title: { zh: '满意度调查结果（分轮次）', en: 'Satisfaction survey results per wave' },
    description: SATISFACTION_RESULTS_TABLE.description,
    tables: [SATISFACTION_RESULTS_TABLE] as Table<never>[],
    keywords: [
      { zh: '满意度', en: 'satisfaction' },
      { zh: '营商环境', en: 'business environment' },
    ],
  },
];

/**
 * The catalogue of the service's datasets in DCAT 3 / DCAT-AP 3 as JSON-LD,
 * for portal harvesters: every dataset with its publisher, licence, temporal
 * and spatial coverage, keywords in both languages, and its distributions
 * (each table as CSV and NDJSON, the JSON API, the data package).
 */
export function catalog(ctx: CatalogContext): Record<string, unknown> {
  // Without an origin, `./…` resolves against the catalogue's own URL at the root.
  const url = (path: string) => (ctx.origin ? `${ctx.origin}${path}` : `.${path}`);
  const publisher = {
    '@id': url('/#publisher'),
    '@type': 'foaf:Agent',
    'foaf:name': tagged(DATASET_TITLE),
    'foaf:homepage': { '@id': url('/') },
  };
  const licence = { '@id': LICENCE.url, '@type': 'dct:LicenseDocument', 'dct:identifier': LICENCE.id, 'rdfs:label': LICENCE.title };
  const modified = ctx.modified ? { 'dct:modified': { '@value': ctx.modified, '@type': 'xsd:dateTime' } } : {};
  const temporal =
    ctx.temporal.start || ctx.temporal.end
      ? {
          'dct:temporal': {
            '@type': 'dct:PeriodOfTime',
            ...(ctx.temporal.start ? { 'dcat:startDate': dateValue(ctx.temporal.start) } : {}),
            ...(ctx.temporal.end ? { 'dcat:endDate': dateValue(ctx.temporal.end) } : {}),
          },
        }
      : {};
  const dataPackage = {
    '@id': url('/datapackage.json#distribution'),
    '@type': 'dcat:Distribution',
    'dct:title': tagged({ zh: '数据包（Frictionless）', en: 'Data package (Frictionless)' }),
    'dcat:accessURL': { '@id': url('/datapackage.json') },
    'dcat:downloadURL': { '@id': url('/datapackage.json') },
    'dcat:mediaType': { '@id': 'https://www.iana.org/assignments/media-types/application/json' },
    'dct:conformsTo': { '@id': 'https://specs.frictionlessdata.io/data-package/' },
    'dct:license': licence,
  };
  const datasets = DATASETS.map((d) => ({
    '@id': url(`/catalog.jsonld#${d.id}`),
    '@type': 'dcat:Dataset',
    'dct:identifier': d.id,
    'dct:title': tagged(d.title),
    'dct:description': tagged(d.description),
    'dct:publisher': publisher,
    'dct:license': licence,
    'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
    'dct:spatial': { '@id': CHINA },
    'dct:language': [
      { '@id': 'http://publications.europa.eu/resource/authority/language/ZHO' },
      { '@id': 'http://publications.europa.eu/resource/authority/language/ENG' },
    ],
    ...temporal,
    ...modified,
    'dcat:keyword': [...KEYWORDS.zh, ...d.keywords.map((k) => k.zh)]
      .map((k) => ({ '@value': k, '@language': 'zh-Hans' }))
      .concat([...KEYWORDS.en, ...d.keywords.map((k) => k.en)].map((k) => ({ '@value': k, '@language': 'en' }))),
    'dcat:landingPage': { '@id': url('/data') },
    'dcat:distribution': [
      ...d.tables.flatMap((table) => [
        {
          '@id': url(`/catalog.jsonld#${table.name}-csv`),
          '@type': 'dcat:Distribution',
          'dct:title': tagged({ zh: `${table.title.zh}（CSV）`, en: `${table.title.en} (CSV)` }),
          'dcat:accessURL': { '@id': url(apiExportPath(table, 'csv')) },
          'dcat:downloadURL': { '@id': url(apiExportPath(table, 'csv')) },
          'dcat:mediaType': { '@id': 'https://www.iana.org/assignments/media-types/text/csv' },
          'dct:conformsTo': { '@id': url(`/datapackage.json#${table.name}`) },
          'dct:license': licence,
        },
        {
          '@id': url(`/catalog.jsonld#${table.name}-ndjson`),
          '@type': 'dcat:Distribution',
          'dct:title': tagged({ zh: `${table.title.zh}（NDJSON）`, en: `${table.title.en} (NDJSON)` }),
          'dcat:accessURL': { '@id': url(apiExportPath(table, 'ndjson')) },
          'dcat:downloadURL': { '@id': url(apiExportPath(table, 'ndjson')) },
          'dcat:mediaType': { '@id': 'https://www.iana.org/assignments/media-types/application/x-ndjson' },
          'dct:license': licence,
        },
        {
          '@id': url(`/catalog.jsonld#${table.name}-api`),
          '@type': 'dcat:Distribution',
          'dct:title': tagged({ zh: `${table.title.zh}（JSON 接口）`, en: `${table.title.en} (JSON API)` }),
          'dcat:accessURL': { '@id': url(table.apiPath) },
          'dcat:mediaType': { '@id': 'https://www.iana.org/assignments/media-types/application/json' },
          'dct:conformsTo': { '@id': url('/openapi.json') },
          'dct:license': licence,
        },
      ]),
      dataPackage,
    ],
  }));
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': url('/catalog.jsonld'),
    '@type': 'dcat:Catalog',
    'dct:title': tagged(DATASET_TITLE),
    'dct:description': tagged(DATASET_DESCRIPTION),
    'dct:publisher': publisher,
    'dct:license': licence,
    'dct:spatial': { '@id': CHINA },
    'dct:language': [
      { '@id': 'http://publications.europa.eu/resource/authority/language/ZHO' },
      { '@id': 'http://publications.europa.eu/resource/authority/language/ENG' },
    ],
    ...modified,
    'foaf:homepage': { '@id': url('/') },
    'dcat:dataset': datasets,
  };
}
