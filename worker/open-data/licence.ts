/**
 * The one licence of the data, wherever it is stated (data package, catalogue,
 * OpenAPI, site, README). The lists are official notices, which Chinese
 * copyright law leaves free (著作权法 第五条: 法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件
 * are not protected); what we add (the compilation, ids, codes, dates and notes) is given under CC BY 4.0.
 */
export const LICENCE = {
  id: 'CC-BY-4.0',
  title: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: '特色小镇开放数据 (Open data on China’s characteristic towns)',
} as const;

/** The licence as a Data Package names it (SPDX id, URL, title), in the package, its resources and the snapshot listing. */
export const LICENCE_REF = { name: LICENCE.id, path: LICENCE.url, title: LICENCE.title };

export const DATASET_TITLE = { zh: '特色小镇开放数据', en: 'Open data on China’s characteristic towns' } as const;

export const DATASET_DESCRIPTION = {
  zh: '国家和各省公布的特色小镇名单（2016 年以来的国家批次、部委试点、省级创建与培育名单）、每个小镇的状态变动历史（入选、命名、保留、警告、降级、淘汰）及其官方来源，以及公众和企业满意度调查的公开结果。',
  en: 'The lists of characteristic towns published by China’s ministries and provinces since 2016 (national batches, ministry pilots, provincial creation and cultivation lists), each town’s status history (listed, named, retained, warned, downgraded, eliminated) with its official sources, and the published results of the public and enterprise satisfaction surveys.',
} as const;

export const KEYWORDS = {
  zh: ['特色小镇', '开放数据', '名单', '满意度调查', '城镇化'],
  en: ['characteristic towns', 'open data', 'China', 'official lists', 'satisfaction survey', 'urbanisation'],
} as const;
