import { describe, expect, it } from 'vitest';
import { buildDataset, DataError } from '../../scripts/data/build-dataset.ts';
import { datasetToSql } from '../../scripts/data/to-sql.ts';
import type { DataFiles, Row } from '../../scripts/data/types.ts';
import { DIVISION_TABLES } from '../division-tables.ts';

/** A made-up data directory in the shape of data/: one list file, one event file that also holds figures. */
function files(rows: Row[], events: Row[] = [], listNote: Row = { note: '' }): DataFiles {
  return {
    waves: [],
    lists: [
      {
        id: 'test-list',
        name: '测试名单',
        name_en: 'A list',
        level: 'national',
        kind: 'named',
        province: '',
        issuer: '某部',
        published_on: '2017-08-22',
        document_title: '测试通知',
        document_number: '',
        source_url: '',
        official_count: '',
        entry_status: 'approved',
        file: 'test.csv',
        match_column: 'list',
        match_value: '测试名单',
        ...listNote,
      },
    ],
    provinces: [{ name: '浙江省', slug: 'zhejiang', name_en: 'Zhejiang' }],
    vocabulary: [
      { pattern: '^approved', statuses: 'approved' },
      { pattern: '^警告', statuses: 'warned' },
    ],
    provinceCounts: [],
    aliases: [],
    eventFiles: {
      files: [
        {
          file: 'events.csv',
          date_column: 'status_date',
          document_column: 'document',
          extra_note_columns: ['detail'],
          list_column: 'town_list',
          list_aliases: { 测试名单: 'test-list' },
          rules: [{ list: 'test-list' }],
          figures_when_town_empty: true,
        },
      ],
    },
    csv: { 'test.csv': rows, 'events.csv': events },
    surveys: [],
    reviewedDivisions: [],
    divisions: DIVISION_TABLES,
  };
}

const town = (name: string, extra: Row = {}): Row => ({
  province: '浙江省',
  city: '',
  county: '',
  town: name,
  industry: '',
  status: 'approved',
  status_date: '2017-08-22',
  list: '测试名单',
  confidence: 'medium',
  source_urls: 'https://example.org/a',
  note: '',
  ...extra,
});

describe('notes in both languages', () => {
  it('reads note_zh beside note, and keeps a translation missing as null', () => {
    const d = buildDataset(
      files(
        [
          town('甲镇', { note: 'Order as in the source.', note_zh: '顺序按来源。' }),
          town('乙镇', { note: 'Not translated yet.', note_zh: '' }),
        ],
        [],
        { note: 'Only 2 names were retrieved.', note_zh: '只检索到2个名称。' },
      ),
    );
    expect(d.lists[0]).toMatchObject({ note: 'Only 2 names were retrieved.', noteZh: '只检索到2个名称。' });
    const byTown = new Map(d.memberships.map((m) => [d.towns.find((t) => t.id === m.townId)!.name, m]));
    expect(byTown.get('甲镇')).toMatchObject({ note: 'Order as in the source.', noteZh: '顺序按来源。' });
    expect(byTown.get('乙镇')).toMatchObject({ note: 'Not translated yet.', noteZh: null });
  });

  it('loads a file without any _zh column (an older or newer copy) with null translations', () => {
    const d = buildDataset(files([town('甲镇', { note: 'English only.' })]));
    expect(d.memberships[0]).toMatchObject({ note: 'English only.', noteZh: null });
    expect(d.lists[0]).toMatchObject({ note: null, noteZh: null });
  });

  it('joins note and detail of an event in each language, and gives no Chinese when a part lacks one', () => {
    const event = (status_date: string, extra: Row): Row => ({
      ...town('甲镇'),
      status: '警告',
      status_date,
      town_list: '测试名单',
      document: '考核结果',
      ...extra,
    });
    const d = buildDataset(
      files(
        [town('甲镇')],
        [
          event('2018', { detail: 'Warned.', detail_zh: '警告。', note: 'One of 9.', note_zh: '9个之一。' }),
          event('2019', { detail: 'Warned again.', detail_zh: '', note: 'One of 4.', note_zh: '4个之一。' }),
          // A detail with no Latin letter is a wording copied from the source: the same in both languages.
          event('2020', { detail: '限期整改', note: '' }),
        ],
      ),
    );
    const warned = d.events
      .filter((e) => e.status === 'warned')
      .sort((a, b) => (a.effectiveDate ?? '').localeCompare(b.effectiveDate ?? ''));
    expect(warned.map((e) => [e.note, e.noteZh])).toEqual([
      ['One of 9. Warned.', '9个之一。警告。'],
      ['One of 4. Warned again.', null],
      ['限期整改', '限期整改'],
    ]);
  });

  it('gives a reported figure its detail and note in both languages', () => {
    const d = buildDataset(
      files(
        [town('甲镇')],
        [
          {
            province: '',
            city: '',
            county: '',
            town: '',
            industry: '',
            status: 'approved (list)',
            status_date: '2017-08-22',
            town_list: '测试名单',
            count_affected: '276',
            detail: '276 towns recognised.',
            detail_zh: '认定276个镇。',
            document: '测试通知',
            confidence: 'high',
            source_urls: '',
            note: 'A note.',
            note_zh: '',
          },
        ],
      ),
    );
    expect(d.figures[0]).toMatchObject({ detail: '276 towns recognised.', detailZh: '认定276个镇。', note: 'A note.', noteZh: null });
    const sql = datasetToSql(d).join('\n');
    expect(sql).toContain("'认定276个镇。'");
    expect(sql).toMatch(/INSERT INTO reported_figures \([^)]*detail_zh[^)]*note_zh\)/);
  });
});

describe('source_stage', () => {
  it('keeps the stage the source saw and its date per membership, in any list file', () => {
    const d = buildDataset(
      files([
        town('甲镇', { source_stage: '公示 (2017-07-27)' }),
        town('乙镇', { source_stage: 'final (provincial report 2017-11)' }),
        town('丙镇', { source_stage: 'deduced' }),
        town('丁镇', { source_stage: '' }),
        town('戊镇'),
      ]),
    );
    const byTown = new Map(d.memberships.map((m) => [d.towns.find((t) => t.id === m.townId)!.name, [m.sourceStage, m.sourceStageDate]]));
    expect(Object.fromEntries(byTown)).toEqual({
      甲镇: ['public-notice', '2017-07-27'],
      乙镇: ['final', '2017-11'],
      丙镇: ['deduced', null],
      丁镇: [null, null],
      戊镇: [null, null],
    });
    expect(datasetToSql(d).join('\n')).toContain("'public-notice', '2017-07-27'");
  });

  it('stops on a stage it does not know rather than guess', () => {
    expect(() => buildDataset(files([town('甲镇', { source_stage: 'rumour (2017)' })]))).toThrow(DataError);
    expect(() => buildDataset(files([town('甲镇', { source_stage: 'rumour (2017)' })]))).toThrow(/source_stage "rumour \(2017\)"/);
  });
});
