import type { Widen } from '../index.ts';
import type { dataZh } from '../zh/data.ts';

/** The data and API page, with the privacy notice; English. */
export const dataEn: Widen<typeof dataZh> = {
  data: {
    title: 'Data & API',
    description: 'How to use the open API, where the data comes from, the licence and the privacy notice.',
    api: 'Open API',
    apiText: 'All data is available from a JSON API with filters, pagination and CSV and NDJSON exports.',
    apiDocs: 'API reference',
    openapi: 'OpenAPI document',
    methodology: 'Methodology: how scores, intervals, NPS and the publication rules are computed',
    sources: 'Sources',
    sourcesText:
      'The official documents behind the lists and status changes. Where the ministry page itself was not reachable, a reposted copy of the notice or a news report was used; every record says where it was read and how confident we are.',
    licence: 'Licence',
    licenceText:
      'The data is open under the Creative Commons Attribution 4.0 International licence (CC BY 4.0, SPDX: CC-BY-4.0): use, copy and adapt it freely, citing “特色小镇开放数据” and the official sources given with each record. The lists themselves are official notices of state organs, which article 5 of China’s Copyright Law leaves unprotected; what this service adds (the compilation, ids, dates and notes) is given under CC BY 4.0.',
    openData: 'Data package and catalogue',
    openDataText:
      'Every column of every CSV download (name, type, meaning in Chinese and English, constraints, primary and foreign keys) is described in the data package; data portals can harvest every dataset from the catalogue (DCAT-AP).',
    dataPackage: 'Data package (Frictionless Data Package)',
    catalog: 'Catalogue (DCAT-AP, JSON-LD)',
    snapshot: 'Full snapshot of the data (each file with its size and SHA-256)',
    downloadTables: 'CSV downloads of each table',
    waves: 'Survey waves and what is published',
    wavesText:
      'The satisfaction surveys run in waves (e.g. “2026 annual”): each wave has its questionnaire version, its opening and closing (shown in Beijing time) and its publication rule, and a response belongs to the wave open when it arrives. The enterprise survey publishes a wave’s results only once the wave has closed; the residents’ and visitors’ survey updates a town’s results at every 10th response. Results of a town or a group of towns are published only from {min} responses, and flagged as a small sample below 30; percentages are whole numbers, no count of an answer is ever published, and written comments never are. Each dimension’s score stands beside the previous wave’s, with whether the change is beyond the confidence intervals.',
    wavesMethodology: 'The publication rules and formulas: methodology',
    privacy: 'Privacy',
    privacyText:
      'The satisfaction surveys collect only the answers. Under the Personal Information Protection Law we state the purpose (assessing the towns’ development and services), the categories (below) and the retention (3 years after the survey ends). No IP address, browser details or name is recorded. Results are published only as totals, never below the minimum sample, and written comments are never published.',
    privacyKept:
      'Each response keeps: the questionnaire, wave and version answered, the town, the answers, the time it was sent and its receipt number; and, so that a retry over a flaky network is not stored twice, the one-time key sent with it (Idempotency-Key) and a fingerprint (hash) of what was sent. Contact details are kept only with your consent, only to follow up, and are never published.',
    privacyEnterprise: 'Enterprise survey: one answer per enterprise and wave',
    privacyEnterpriseList: [
      'The unified social credit code is used only to prevent a second answer: its format and 18th (check) character are checked when the answers are sent, and it is then discarded: never stored, never logged, and not part of the fingerprint above.',
      'All that is kept is one hash: HMAC-SHA-256, under a secret of the wave’s own, of “code|town id”. It is kept in a table of its own that holds only the hash and the wave id, with no link to the response: no response id, no time and no order (the table is keyed by the hash itself). Its only use is to refuse a second answer from the same enterprise about the same town in the same wave.',
      'So even someone holding the database, the wave’s secret and a list of enterprise codes can only find out whether an enterprise has answered about a town in this wave, not which response is its own (unless it left contact details such as its name when agreeing to be contacted; those are kept with the response).',
      'Once a wave has closed and its results are final, the wave’s secret can be destroyed and the wave’s hashes deleted. After the secret is destroyed, nobody (this site included) can test any code against them.',
    ],
    privacyPublic: 'Residents’ and visitors’ survey: probable duplicates',
    privacyPublicText:
      'This questionnaire needs no login and anyone can answer it. To notice repeated submissions, a hash of the wave, the day, the town, the network key (below) and all the answers of each response is kept in a table of its own that holds only such hashes: no link to the response, no time, no order. Within one wave and day, a response about the same town from the same network with exactly the same answers as an earlier one is marked as a probable duplicate (a yes/no mark on the response is all that is added); results leave these out and show the share left out beside them. Once the day’s salt is deleted, nobody can compute or test these hashes again.',
    privacySalts: 'Network key and daily salts',
    privacySaltsText:
      'No IP address is ever stored. The network key used against abuse is HMAC-SHA-256, under a random salt of the day, of your network (an IPv4 address as it is; an IPv6 address’s /64 prefix). It limits how many answers one network can send a minute and feeds the duplicate check above, and is itself never stored. Salts go by the UTC day: each is made at the day’s first submission and deleted at the latest within an hour after the day ends (an hourly task deletes every salt of a past day). After that, nobody can work out that day’s network key from an IP address.',
  },
};
