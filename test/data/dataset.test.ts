import { describe, expect, it } from 'vitest';
import { buildDataset, DataError } from '../../scripts/data/build-dataset.ts';
import { datasetToSql } from '../../scripts/data/to-sql.ts';
import type { DataFiles, Row } from '../../scripts/data/types.ts';
import { DIVISION_TABLES } from '../division-tables.ts';

const LIST_HEADER = {
  name_en: 'A list',
  level: 'provincial',
  kind: 'creation',
  province: '浙江省',
  issuer: '浙江省',
  document_number: '',
  source_url: 'https://example.org/notice',
  note: '',
};

/** A small, made-up data directory in the shape of data/: never real rows. */
function files(rows: Row[], extra: Partial<DataFiles> = {}): DataFiles {
  return {
    waves: [],
    lists: [
      {
        ...LIST_HEADER,
        id: 'test-list',
        name: '测试名单',
        published_on: '2016-01-01',
        document_title: '测试通知',
        official_count: '2',
        entry_status: 'approved',
        file: 'test.csv',
        match_column: 'list',
        match_value: '测试名单',
      },
      {
        ...LIST_HEADER,
        id: 'test-objects',
        name: '测试对象',
        published_on: '',
        document_title: '考核结果',
        official_count: '',
        entry_status: 'approved',
        file: '',
        match_column: '',
        match_value: '',
      },
    ],
    provinces: [{ name: '浙江省', slug: 'zhejiang', name_en: 'Zhejiang' }],
    vocabulary: [
      { pattern: '^警告', statuses: 'warned' },
      { pattern: '^淘汰', statuses: 'eliminated' },
      { pattern: '^creation object', statuses: 'approved' },
    ],
    provinceCounts: [],
    aliases: [{ province: '浙江省', alias: '乙镇别名', canonical: '乙镇' }],
    eventFiles: {
      files: [
        {
          file: 'events.csv',
          date_column: 'status_date',
          document_template: '{year}考核',
          rules: [{ kinds: ['creation'], fallback_list: 'test-objects' }],
        },
      ],
    },
    csv: { 'test.csv': rows, 'events.csv': [] },
    surveys: [],
    reviewedDivisions: [],
    divisions: DIVISION_TABLES,
    ...extra,
  };
}

const town = (name: string, extra: Row = {}): Row => ({
  province: '浙江省',
  city: '',
  county: '',
  town: name,
  industry: '',
  status: 'creation object',
  status_date: '2016-01-01',
  list: '测试名单',
  confidence: 'medium',
  source_urls: 'https://example.org/a',
  note: '',
  ...extra,
});

describe('buildDataset', () => {
  it('is deterministic: the same files give the same data and version', () => {
    const input = files([town('甲镇'), town('乙镇')]);
    expect(buildDataset(input)).toEqual(buildDataset(input));
  });

  it('takes a newer copy with more rows without any change elsewhere, and marks the list complete when it adds up', () => {
    const one = buildDataset(files([town('甲镇')]));
    const two = buildDataset(files([town('甲镇'), town('乙镇')]));
    expect(one.lists[0]).toMatchObject({ townCount: 1, officialCount: 2, complete: false });
    expect(two.lists[0]).toMatchObject({ townCount: 2, officialCount: 2, complete: true });
    expect(two.version).not.toBe(one.version);
    expect(two.towns.find((t) => t.name === '甲镇')!.id).toBe(one.towns[0]!.id);
  });

  it('keeps two towns of one name apart when their counties differ', () => {
    const d = buildDataset(files([town('汤峪镇', { county: '蓝田县' }), town('汤峪镇', { county: '眉县' })]));
    expect(d.towns.map((t) => t.id)).toEqual(['zhejiang-tangyuzhen', 'zhejiang-meixian-tangyuzhen']);
  });

  it('makes one town of the rows of several files, through aliases, with one membership per list', () => {
    const input = files([town('乙镇')]);
    input.csv['events.csv'] = [
      town('乙镇别名', { status: '警告', status_date: '2017', year: '2016年度' }),
      town('丙镇', { status: '淘汰', status_date: '2018-09-13', year: '2017年度' }),
    ];
    const d = buildDataset(input);
    expect(d.towns.map((t) => t.name)).toEqual(['乙镇', '丙镇']);
    const yi = d.memberships.find((m) => m.townId === d.towns[0]!.id)!;
    expect(yi).toMatchObject({ listId: 'test-list', currentStatus: 'warned', currentSince: '2017', listedAs: null });
    const bing = d.memberships.find((m) => m.townId === d.towns[1]!.id)!;
    expect(bing).toMatchObject({ listId: 'test-objects', currentStatus: 'eliminated' });
    // Its listing date is unknown: an undated entry event, never an invented date.
    const entry = d.events.find((e) => e.membershipId === bing.id && e.status === 'approved')!;
    expect(entry.effectiveDate).toBeNull();
    expect(d.sources.map((s) => s.title)).toContain('2016年度考核');
  });

  it('merges the same event reported by two files', () => {
    const input = files([town('乙镇')]);
    input.csv['events.csv'] = [
      town('乙镇', { status: '警告', status_date: '2017', source_urls: 'https://example.org/b' }),
      town('乙镇', { status: '警告', status_date: '2017', source_urls: 'https://example.org/c' }),
    ];
    const d = buildDataset(input);
    const warnings = d.events.filter((e) => e.status === 'warned');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.sourceUrls).toEqual(['https://example.org/b', 'https://example.org/c']);
  });

  it('stops on a row it cannot place rather than drop it', () => {
    expect(() => buildDataset(files([town('甲镇', { list: '别的名单' })]))).toThrow(DataError);
    expect(() => buildDataset(files([town('甲镇', { status: '神秘状态' })]))).toThrow(/status-vocabulary/);
    expect(() => buildDataset(files([town('甲镇', { province: '火星省' })]))).toThrow(/unknown province/);
    expect(() => buildDataset(files([town('甲镇')], { csv: { 'test.csv': [town('甲镇')], 'events.csv': [], 'stray.csv': [] } }))).toThrow(
      /stray\.csv/,
    );
  });
});

describe('division codes', () => {
  const code = (d: ReturnType<typeof buildDataset>, name: string) => d.towns.find((t) => t.name === name)!;

  it('gives an administrative town its township code and fills in the city and county its source left empty', () => {
    const d = buildDataset(files([town('甲镇'), town('乙镇', { city: '测试市' })]));
    expect(code(d, '甲镇')).toMatchObject({
      divisionCode: '339901101',
      derivedCity: '测试市',
      derivedCounty: '甲县',
      city: null,
      county: null,
    });
    // 乙镇 became 乙街道; the source's own city stays, so only the county is derived.
    expect(code(d, '乙镇')).toMatchObject({ divisionCode: '339901001', derivedCity: null, derivedCounty: '甲县', city: '测试市' });
  });

  it('keeps an ambiguous town at the code of the place its source names, and a platform at its county', () => {
    const d = buildDataset(files([town('丙镇'), town('测试小镇', { county: '乙区' })]));
    expect(code(d, '丙镇')).toMatchObject({ divisionCode: '33', derivedCity: null, derivedCounty: null });
    expect(code(d, '测试小镇')).toMatchObject({ divisionCode: '339902', derivedCity: '测试市', derivedCounty: null });
  });

  it('takes a reviewed match, and stops on one it cannot apply', () => {
    const reviewed = (row: Row) =>
      files([town('丙镇')], { reviewedDivisions: [{ town_id: 'zhejiang-bingzhen', town: '丙镇', reason: 'checked', ...row }] });
    expect(code(buildDataset(reviewed({ code: '339902101' })), '丙镇')).toMatchObject({ divisionCode: '339902101', derivedCounty: '乙区' });
    expect(() => buildDataset(reviewed({ code: '339902999' }))).toThrow(/reviewed-matches\.csv.*no county or township code/);
    expect(() => buildDataset(reviewed({ code: '339902101', town: '丁镇' }))).toThrow(/is 丙镇, not "丁镇"/);
    expect(() => buildDataset(reviewed({ code: '339902101', town_id: 'zhejiang-nowhere' }))).toThrow(/no town has the id/);
    expect(() => buildDataset(reviewed({ code: '339902101', reason: '' }))).toThrow(/needs its reason/);
  });
});

describe('datasetToSql', () => {
  it('upserts the data on natural keys in statements within D1 limits', () => {
    const rows = Array.from({ length: 250 }, (_, i) => town(`镇${i}`, { note: "it's \"quoted\", with 'apostrophes'" }));
    const sql = datasetToSql(buildDataset(files(rows)));
    expect(sql[0]).toMatch(/^INSERT INTO sources .* ON CONFLICT\(id\) DO UPDATE SET/);
    expect(sql.some((s) => /^INSERT INTO status_events .* ON CONFLICT\(data_key\)/.test(s))).toBe(true);
    expect(sql.filter((s) => s.startsWith('DELETE')).every((s) => !/^DELETE FROM \w+;$/.test(s))).toBe(true);
    for (const statement of sql) expect(new TextEncoder().encode(statement).length).toBeLessThan(100_000);
  });
});
