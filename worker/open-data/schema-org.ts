import type { List } from '../services/lists.ts';
import { DATASET_DESCRIPTION, DATASET_TITLE, KEYWORDS, LICENCE } from './licence.ts';
import { apiExportPath } from './package.ts';
import { PUBLIC_TABLES } from './tables/index.ts';

/** schema.org descriptions of the datasets a page shows, for dataset search engines (https://schema.org/Dataset). */

const PUBLISHER = { '@type': 'Organization', name: DATASET_TITLE.zh, alternateName: DATASET_TITLE.en };
const SPATIAL = { '@type': 'Place', name: '中华人民共和国', alternateName: 'China', sameAs: 'https://sws.geonames.org/1814991/' };

/** The whole open data, as the data page presents it: every table a download. */
export function siteDataset(origin: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': `${origin}/data#dataset`,
    name: `${DATASET_TITLE.zh} / ${DATASET_TITLE.en}`,
    description: `${DATASET_DESCRIPTION.zh} ${DATASET_DESCRIPTION.en}`,
    url: `${origin}/data`,
    license: LICENCE.url,
    isAccessibleForFree: true,
    inLanguage: ['zh-Hans', 'en'],
    keywords: [...KEYWORDS.zh, ...KEYWORDS.en],
    publisher: PUBLISHER,
    creator: PUBLISHER,
    spatialCoverage: SPATIAL,
    includedInDataCatalog: { '@type': 'DataCatalog', name: DATASET_TITLE.zh, url: `${origin}/catalog.jsonld` },
    distribution: [
      ...PUBLIC_TABLES.map((table) => ({
        '@type': 'DataDownload',
        name: `${table.name}.csv`,
        encodingFormat: 'text/csv',
        contentUrl: `${origin}${apiExportPath(table, 'csv')}`,
      })),
      { '@type': 'DataDownload', name: 'datapackage.json', encodingFormat: 'application/json', contentUrl: `${origin}/datapackage.json` },
    ],
  };
}

/** One official list and its towns. */
export function listDataset(origin: string, list: List): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': `${origin}/lists/${encodeURIComponent(list.id)}#dataset`,
    name: list.name,
    alternateName: list.name_en,
    description: `${list.name}（${[list.issuer, list.document_number, list.published_on].filter(Boolean).join('，')}）：通知所列小镇及其状态变动。The towns of “${list.name_en}” and their status history, with sources; ${
      list.official_count === null
        ? 'the notice gives no total'
        : `${list.town_count} of the ${list.official_count} the notice names are held`
    }.`,
    url: `${origin}/lists/${encodeURIComponent(list.id)}`,
    license: LICENCE.url,
    isAccessibleForFree: true,
    inLanguage: ['zh-Hans', 'en'],
    keywords: [...KEYWORDS.zh, list.name],
    publisher: PUBLISHER,
    ...(list.issuer ? { creator: { '@type': 'GovernmentOrganization', name: list.issuer } } : {}),
    ...(list.published_on ? { temporalCoverage: list.published_on } : {}),
    ...(list.source_url ? { isBasedOn: list.source_url } : {}),
    spatialCoverage: list.province ? { '@type': 'Place', name: list.province } : SPATIAL,
    includedInDataCatalog: { '@type': 'DataCatalog', name: DATASET_TITLE.zh, url: `${origin}/catalog.jsonld` },
    distribution: [
      {
        '@type': 'DataDownload',
        encodingFormat: 'text/csv',
        contentUrl: `${origin}/api/v1/lists/${encodeURIComponent(list.id)}/towns?format=csv`,
      },
    ],
  };
}
