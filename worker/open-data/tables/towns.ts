import type { TownSummary } from '../../services/towns.ts';
import type { Table } from '../table.ts';

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
    { name: 'id', type: 'string', title: { zh: '小镇编号', en: 'Town id' }, description: { zh: '稳定的小镇标识：省份加名称拼音。', en: 'Stable town id: province and pinyin of the name.' }, constraints: { required: true, unique: true }, value: (t) => t.id },
    { name: 'name', type: 'string', title: { zh: '名称', en: 'Name' }, description: { zh: '首次收录该镇的名单所印的名称。', en: 'Name as printed in the first list that names it.' }, constraints: { required: true }, value: (t) => t.name },
    { name: 'name_pinyin', type: 'string', title: { zh: '拼音', en: 'Pinyin' }, description: { zh: '名称的无声调拼音，音节以空格分隔。', en: 'Toneless pinyin of the name, syllables separated by spaces.' }, constraints: { required: true }, value: (t) => t.name_pinyin },
    { name: 'province', type: 'string', title: { zh: '省份', en: 'Province' }, description: { zh: '省级行政区，写法同名单。', en: 'Provincial-level division, as the lists write it.' }, constraints: { required: true }, value: (t) => t.province },
    { name: 'city', type: 'string', title: { zh: '地级市', en: 'City' }, description: { zh: '地级市；来源未给出时为空（直辖市无此级）。', en: 'Prefecture-level city; empty when no source gives it (municipalities have none).' }, value: (t) => t.city },
    { name: 'county', type: 'string', title: { zh: '县（区）', en: 'County' }, description: { zh: '县或区；来源未给出时为空。', en: 'County or district; empty when no source gives it.' }, value: (t) => t.county },
    { name: 'industry', type: 'string', title: { zh: '特色产业', en: 'Industry' }, description: { zh: '特色产业；目前没有官方名单载明，因此全部为空。', en: 'Characteristic industry; empty everywhere today because no official list states one.' }, value: (t) => t.industry },
    {
      name: 'lists', type: 'string', title: { zh: '所在名单及状态', en: 'Lists and statuses' },
      description: {
        zh: '所在名单，每项写作“名单编号:状态”，各项以“; ”（分号加空格）分隔；同一信息的长表见 memberships。',
        en: 'The lists the town is on, each written `list_id:status`, separated by `; ` (semicolon and space); the memberships table has the same in long form.',
      },
      separator: '; ',
      value: (t) => t.memberships.map((m) => `${m.list_id}:${m.status}`).join('; '),
    },
  ],
};
