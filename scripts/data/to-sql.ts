import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { listRollupStatements } from '../../worker/db/queries/list-rollups.ts';
import type { Dataset } from './types.ts';

type Value = string | number | boolean | null | string[] | { raw: string };

/** Rows per INSERT: well under D1's 100 KB statement limit for our widest rows. */
const ROWS_PER_STATEMENT = 20;

function literal(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (!Array.isArray(value) && typeof value === 'object') return value.raw;
  const text = Array.isArray(value) ? JSON.stringify(value) : value;
  return `'${text.replaceAll("'", "''")}'`;
}

interface Upsert {
  table: string;
  /** Dataset field → column. */
  columns: Record<string, string>;
  /** The columns of the natural key the conflict is detected on. */
  key: string[];
  /** Columns an existing row keeps: rollups that `listRollupStatements` recomputes afterwards. */
  keep?: string[];
}

/**
 * INSERT … ON CONFLICT DO UPDATE in chunks. Rows are matched on their natural
 * key, so a reload changes only what changed in the files: ids stay stable
 * and the change feed (triggers that ignore no-op updates) records only real changes.
 */
function upserts({ table, columns, key, keep = [] }: Upsert, rows: object[]): string[] {
  const fields = Object.keys(columns);
  const names = Object.values(columns);
  const update = names
    .filter((c) => !key.includes(c) && !keep.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows
      .slice(i, i + ROWS_PER_STATEMENT)
      .map((row) => `(${fields.map((f) => literal((row as Record<string, Value>)[f] ?? null)).join(', ')})`);
    statements.push(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT(${key.join(', ')}) DO UPDATE SET ${update};`,
    );
  }
  return statements;
}

/** A JSON array literal for `IN (SELECT value FROM json_each(…))`. */
function jsonList(values: readonly (string | number)[]): string {
  return literal(JSON.stringify(values));
}

const dialect = new SQLiteSyncDialect();

/**
 * The SQL that brings the database in line with `dataset`, in dependency
 * order. Rows written through the admin API (origin `admin`) are never
 * touched, and a data row is deleted only when the files no longer have it
 * and nothing else (survey responses, admin events) refers to it.
 */
export function datasetToSql(dataset: Dataset): string[] {
  const eventRows = dataset.events.map((e) => ({
    ...e,
    membershipId: { raw: `(SELECT id FROM memberships WHERE town_id = ${literal(e.townId)} AND list_id = ${literal(e.listId)})` },
  }));
  const rollups = listRollupStatements('all').map((statement) => `${dialect.sqlToQuery(statement).sql.replace(/\s+/g, ' ')};`);
  return [
    ...upserts(
      {
        table: 'sources',
        key: ['id'],
        columns: {
          id: 'id',
          title: 'title',
          documentNumber: 'document_number',
          issuer: 'issuer',
          publishedOn: 'published_on',
          urls: 'urls',
          note: 'note',
          noteZh: 'note_zh',
        },
      },
      dataset.sources,
    ),
    ...upserts(
      {
        table: 'lists',
        key: ['id'],
        keep: ['town_count', 'complete'],
        columns: {
          id: 'id',
          name: 'name',
          nameEn: 'name_en',
          level: 'level',
          kind: 'kind',
          province: 'province',
          issuer: 'issuer',
          publishedOn: 'published_on',
          documentTitle: 'document_title',
          documentNumber: 'document_number',
          sourceId: 'source_id',
          sourceUrl: 'source_url',
          officialCount: 'official_count',
          townCount: 'town_count',
          complete: 'complete',
          note: 'note',
          noteZh: 'note_zh',
          position: 'position',
        },
      },
      dataset.lists,
    ),
    ...upserts(
      {
        table: 'list_province_counts',
        key: ['list_id', 'province'],
        keep: ['town_count'],
        columns: { listId: 'list_id', province: 'province', officialCount: 'official_count', townCount: 'town_count', source: 'source' },
      },
      dataset.provinceCounts,
    ),
    ...upserts(
      {
        table: 'towns',
        key: ['id'],
        columns: {
          id: 'id',
          name: 'name',
          namePinyin: 'name_pinyin',
          searchText: 'search_text',
          province: 'province',
          city: 'city',
          county: 'county',
          industry: 'industry',
          note: 'note',
          noteZh: 'note_zh',
          divisionCode: 'division_code',
          derivedCity: 'derived_city',
          derivedCounty: 'derived_county',
        },
      },
      dataset.towns,
    ),
    ...upserts(
      {
        table: 'memberships',
        key: ['town_id', 'list_id'],
        keep: ['current_status', 'current_since'],
        columns: {
          townId: 'town_id',
          listId: 'list_id',
          listedAs: 'listed_as',
          position: 'position',
          confidence: 'confidence',
          sourceUrls: 'source_urls',
          note: 'note',
          noteZh: 'note_zh',
          currentStatus: 'current_status',
          currentSince: 'current_since',
          sourceStage: 'source_stage',
          sourceStageDate: 'source_stage_date',
        },
      },
      dataset.memberships,
    ),
    ...upserts(
      {
        table: 'status_events',
        key: ['data_key'],
        columns: {
          dataKey: 'data_key',
          membershipId: 'membership_id',
          townId: 'town_id',
          listId: 'list_id',
          status: 'status',
          statusRaw: 'status_raw',
          effectiveDate: 'effective_date',
          datePrecision: 'date_precision',
          effectiveOn: 'effective_on',
          dateNote: 'date_note',
          sourceId: 'source_id',
          confidence: 'confidence',
          sourceUrls: 'source_urls',
          note: 'note',
          noteZh: 'note_zh',
        },
      },
      eventRows,
    ),
    ...upserts(
      {
        table: 'reported_figures',
        key: ['id'],
        columns: {
          id: 'id',
          level: 'level',
          province: 'province',
          issuer: 'issuer',
          effectiveDate: 'effective_date',
          datePrecision: 'date_precision',
          dateNote: 'date_note',
          eventType: 'event_type',
          listId: 'list_id',
          listName: 'list_name',
          figure: 'figure',
          count: 'count',
          detail: 'detail',
          detailZh: 'detail_zh',
          sourceId: 'source_id',
          confidence: 'confidence',
          sourceUrls: 'source_urls',
          note: 'note',
          noteZh: 'note_zh',
        },
      },
      dataset.figures,
    ),
    // What the files no longer have, children first so that foreign keys hold at every step.
    `DELETE FROM status_events WHERE origin = 'data' AND (data_key IS NULL OR data_key NOT IN (SELECT value FROM json_each(${jsonList(dataset.events.map((e) => e.dataKey))})))
       AND id NOT IN (SELECT supersedes_id FROM status_events WHERE supersedes_id IS NOT NULL);`,
    `DELETE FROM memberships WHERE origin = 'data' AND town_id || '|' || list_id NOT IN (SELECT value FROM json_each(${jsonList(dataset.memberships.map((m) => `${m.townId}|${m.listId}`))}))
       AND NOT EXISTS (SELECT 1 FROM status_events e WHERE e.membership_id = memberships.id);`,
    `DELETE FROM list_province_counts WHERE list_id || '|' || province NOT IN (SELECT value FROM json_each(${jsonList(dataset.provinceCounts.map((p) => `${p.listId}|${p.province}`))}));`,
    `DELETE FROM reported_figures WHERE id NOT IN (SELECT value FROM json_each(${jsonList(dataset.figures.map((f) => f.id))}));`,
    `DELETE FROM towns WHERE origin = 'data' AND id NOT IN (SELECT value FROM json_each(${jsonList(dataset.towns.map((t) => t.id))}))
       AND id NOT IN (SELECT town_id FROM responses) AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.town_id = towns.id);`,
    `DELETE FROM lists WHERE origin = 'data' AND id NOT IN (SELECT value FROM json_each(${jsonList(dataset.lists.map((l) => l.id))}))
       AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.list_id = lists.id) AND NOT EXISTS (SELECT 1 FROM reported_figures f WHERE f.list_id = lists.id);`,
    `DELETE FROM sources WHERE origin = 'data' AND id NOT IN (SELECT value FROM json_each(${jsonList(dataset.sources.map((s) => s.id))}))
       AND id NOT IN (SELECT source_id FROM lists WHERE source_id IS NOT NULL)
       AND id NOT IN (SELECT source_id FROM status_events WHERE source_id IS NOT NULL)
       AND id NOT IN (SELECT source_id FROM reported_figures WHERE source_id IS NOT NULL);`,
    ...rollups,
    // Questionnaires: a version is immutable, so only what is missing is added.
    ...dataset.surveys.flatMap((d, i) => [
      `INSERT OR IGNORE INTO surveys (id, audience, position) VALUES (${literal(d.id)}, ${literal(d.audience)}, ${i + 1});`,
      `INSERT OR IGNORE INTO survey_versions (id, survey_id, version, definition, created_at) VALUES (${literal(`${d.id}-v${d.version}`)}, ${literal(d.id)}, ${d.version}, ${literal(JSON.stringify(d))}, strftime('%Y-%m-%dT%H:%M:%fZ','now'));`,
    ]),
    // Waves: those of the data are updated to the file; a wave staff changed through the admin API (origin `admin`),
    // or whose responses the file's dates would leave outside it, is left as it is. The database refuses
    // overlapping waves, which then stops the load with its message rather than move responses between waves.
    // An UPDATE, then an INSERT of a wave not there yet, not an upsert: SQLite runs BEFORE INSERT triggers even when
    // the row then conflicts, so an upsert had the file's dates checked against the other waves even for a wave that
    // is left as it is, and a reload stopped once staff had closed a wave of the files and scheduled the next.
    ...dataset.waves.flatMap((w) => {
      const [id, version, name, nameEn, opens, closes, publication] = [
        w.id,
        w.versionId,
        w.name,
        w.nameEn,
        w.opensAt,
        w.closesAt,
        w.publication,
      ].map(literal);
      return [
        `UPDATE survey_waves SET version_id = ${version}, name = ${name}, name_en = ${nameEn}, opens_at = ${opens}, closes_at = ${closes}, publication = ${publication}
          WHERE id = ${id} AND origin = 'data'
            AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.wave_id = survey_waves.id
              AND (r.survey_version_id <> ${version} OR r.submitted_at < ${opens} OR (${closes} IS NOT NULL AND r.submitted_at >= ${closes})));`,
        `INSERT INTO survey_waves (id, survey_id, version_id, name, name_en, opens_at, closes_at, publication, origin)
          SELECT ${id}, ${literal(w.surveyId)}, ${version}, ${name}, ${nameEn}, ${opens}, ${closes}, ${publication}, 'data'
          WHERE NOT EXISTS (SELECT 1 FROM survey_waves WHERE id = ${id});`,
      ];
    }),
  ];
}
