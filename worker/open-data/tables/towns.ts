import type { TownSummary } from '../../services/towns.ts';
import type { Bilingual, Field, Table } from '../table.ts';

/** An official division code of `digits` digits, or empty where the town's place is not known that precisely. */
function code(
  name: string,
  title: Bilingual,
  digits: number,
  description: Bilingual,
  value: (t: TownSummary) => string | null,
): Field<TownSummary> {
  return { name, type: 'string', title, description, constraints: { pattern: `^[0-9]{${digits}}$` }, value };
}

export const TOWNS_TABLE: Table<TownSummary> = {
  name: 'towns',
  title: { zh: '小镇', en: 'Towns' },
  description: {
    zh: '每个小镇一行，附其所在的全部名单及在各名单上的当前状态。名单与状态的长表见 memberships。',
    en: 'One row per town, with every list it is on and its current status there. The same pairs in long form are the memberships table.',
  },
  apiPath: '/api/v1/towns',
  primaryKey: 'id',
  fields: [
    {
      name: 'id',
      type: 'string',
      title: { zh: '小镇编号', en: 'Town id' },
      description: { zh: '稳定的小镇标识：省份加名称拼音。', en: 'Stable town id: province and pinyin of the name.' },
      constraints: { required: true, unique: true },
      value: (t) => t.id,
    },
    {
      name: 'name',
      type: 'string',
      title: { zh: '名称', en: 'Name' },
      description: { zh: '首次收录该镇的名单所印的名称。', en: 'Name as printed in the first list that names it.' },
      constraints: { required: true },
      value: (t) => t.name,
    },
    {
      name: 'name_pinyin',
      type: 'string',
      title: { zh: '拼音', en: 'Pinyin' },
      description: { zh: '名称的无声调拼音，音节以空格分隔。', en: 'Toneless pinyin of the name, syllables separated by spaces.' },
      constraints: { required: true },
      value: (t) => t.name_pinyin,
    },
    {
      name: 'province',
      type: 'string',
      title: { zh: '省份', en: 'Province' },
      description: { zh: '省级行政区，写法同名单。', en: 'Provincial-level division, as the lists write it.' },
      constraints: { required: true },
      value: (t) => t.province,
    },
    {
      name: 'city',
      type: 'string',
      title: { zh: '地级市', en: 'City' },
      description: {
        zh: '地级市；来源未给出时为空（直辖市无此级）。',
        en: 'Prefecture-level city; empty when no source gives it (municipalities have none).',
      },
      value: (t) => t.city,
    },
    {
      name: 'county',
      type: 'string',
      title: { zh: '县（区）', en: 'County' },
      description: { zh: '县或区；来源未给出时为空。', en: 'County or district; empty when no source gives it.' },
      value: (t) => t.county,
    },
    {
      name: 'industry',
      type: 'string',
      title: { zh: '特色产业', en: 'Industry' },
      description: {
        zh: '特色产业；目前没有官方名单载明，因此全部为空。',
        en: 'Characteristic industry; empty everywhere today because no official list states one.',
      },
      value: (t) => t.industry,
    },
    {
      name: 'lists',
      type: 'string',
      title: { zh: '所在名单及状态', en: 'Lists and statuses' },
      description: {
        zh: '所在名单，每项写作“名单编号:状态”，各项以“; ”（分号加空格）分隔；同一信息的长表见 memberships。',
        en: 'The lists the town is on, each written `list_id:status`, separated by `; ` (semicolon and space); the memberships table has the same in long form.',
      },
      separator: '; ',
      value: (t) => t.memberships.map((m) => `${m.list_id}:${m.status}`).join('; '),
    },
    // Official division codes of each level (统计用区划代码), matched at load time (scripts/data/divisions.ts).
    code(
      'province_code',
      { zh: '省级区划代码', en: 'Province code' },
      2,
      { zh: '省级行政区的统计用区划代码（2 位）。', en: 'Statistical division code of the province (2 digits).' },
      (t) => t.province_code,
    ),
    code(
      'city_code',
      { zh: '地级区划代码', en: 'City code' },
      4,
      {
        zh: '地级市的区划代码（4 位；直辖市的市辖区和省直辖县为该分组的代码）。',
        en: 'Code of the prefecture-level city (4 digits; for the districts of a municipality and counties directly under a province, the code of that grouping).',
      },
      (t) => t.city_code,
    ),
    code(
      'county_code',
      { zh: '县级区划代码', en: 'County code' },
      6,
      { zh: '县、区的区划代码（6 位）。', en: 'Code of the county or district (6 digits).' },
      (t) => t.county_code,
    ),
    code(
      'township_code',
      { zh: '乡级区划代码', en: 'Township code' },
      9,
      {
        zh: '建制镇（乡、街道）的区划代码（9 位），仅当小镇能唯一对应一个乡镇时给出，非建制镇的平台为空。',
        en: 'Code of the township (9 digits), only for an administrative town matched to exactly one township; empty for a platform that is not one.',
      },
      (t) => t.township_code,
    ),
    {
      name: 'derived_city',
      type: 'string',
      title: { zh: '据代码补充的地级市', en: 'City from the code' },
      description: {
        zh: '来源未写明地级市（city 为空）时，区划代码对应的官方名称；否则为空。',
        en: 'The official name of the city of the codes, only where no source names the city (city is empty).',
      },
      value: (t) => t.derived_city,
    },
    {
      name: 'derived_county',
      type: 'string',
      title: { zh: '据代码补充的县（区）', en: 'County from the code' },
      description: {
        zh: '来源未写明县（区）（county 为空）时，区划代码对应的官方名称；否则为空。',
        en: 'The official name of the county of the codes, only where no source names the county (county is empty).',
      },
      value: (t) => t.derived_county,
    },
  ],
};
