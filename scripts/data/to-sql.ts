import type { Dataset } from './types.ts';

type Value = string | number | boolean | null | string[];

/** Rows per INSERT: well under D1's 100 KB statement limit for our widest rows. */
const ROWS_PER_STATEMENT = 20;

function literal(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = Array.isArray(value) ? JSON.stringify(value) : value;
  return `'${text.replaceAll("'", "''")}'`;
}

function inserts(table: string, columns: Record<string, string>, rows: object[], onConflict = ''): string[] {
  const statements: string[] = [];
  const names = Object.keys(columns);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows
      .slice(i, i + ROWS_PER_STATEMENT)
      .map((row) => `(${names.map((n) => literal((row as Record<string, Value>)[n] ?? null)).join(', ')})`);
    statements.push(`INSERT INTO ${table} (${Object.values(columns).join(', ')}) VALUES ${values.join(', ')}${onConflict};`);
  }
  return statements;
}

const TOWN_COLUMNS = {
  id: 'id', name: 'name', namePinyin: 'name_pinyin', searchText: 'search_text', province: 'province', city: 'city',
  county: 'county', industry: 'industry', note: 'note',
};

/**
 * The SQL that replaces the loaded data with `dataset`. Deletes run children
 * first so foreign keys hold at every step. Towns are updated in place, never
 * deleted while survey responses refer to them, so a reload loses no response.
 */
export function datasetToSql(dataset: Dataset): string[] {
  const townIds = literal(JSON.stringify(dataset.towns.map((t) => t.id)));
  const townUpdate = Object.values(TOWN_COLUMNS).filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
  return [
    'DELETE FROM status_events;',
    'DELETE FROM memberships;',
    'DELETE FROM list_province_counts;',
    'DELETE FROM reported_figures;',
    `DELETE FROM towns WHERE id NOT IN (SELECT value FROM json_each(${townIds})) AND id NOT IN (SELECT town_id FROM responses);`,
    'DELETE FROM lists;',
    'DELETE FROM sources;',
    ...inserts('sources', { id: 'id', title: 'title', documentNumber: 'document_number', issuer: 'issuer', publishedOn: 'published_on', urls: 'urls', note: 'note' }, dataset.sources),
    ...inserts('lists', {
      id: 'id', name: 'name', nameEn: 'name_en', level: 'level', kind: 'kind', province: 'province', issuer: 'issuer',
      publishedOn: 'published_on', documentTitle: 'document_title', documentNumber: 'document_number', sourceId: 'source_id',
      sourceUrl: 'source_url', officialCount: 'official_count', townCount: 'town_count', complete: 'complete', note: 'note', position: 'position',
    }, dataset.lists),
    ...inserts('list_province_counts', { listId: 'list_id', province: 'province', officialCount: 'official_count', townCount: 'town_count', source: 'source' }, dataset.provinceCounts),
    ...inserts('towns', TOWN_COLUMNS, dataset.towns, ` ON CONFLICT(id) DO UPDATE SET ${townUpdate}`),
    ...inserts('memberships', {
      id: 'id', townId: 'town_id', listId: 'list_id', listedAs: 'listed_as', position: 'position', confidence: 'confidence',
      sourceUrls: 'source_urls', note: 'note', currentStatus: 'current_status', currentSince: 'current_since',
    }, dataset.memberships),
    ...inserts('status_events', {
      id: 'id', membershipId: 'membership_id', townId: 'town_id', listId: 'list_id', status: 'status', statusRaw: 'status_raw',
      effectiveDate: 'effective_date', datePrecision: 'date_precision', effectiveOn: 'effective_on', dateNote: 'date_note',
      sourceId: 'source_id', confidence: 'confidence', sourceUrls: 'source_urls', note: 'note',
    }, dataset.events),
    ...inserts('reported_figures', {
      id: 'id', level: 'level', province: 'province', issuer: 'issuer', effectiveDate: 'effective_date', datePrecision: 'date_precision',
      dateNote: 'date_note', eventType: 'event_type', listId: 'list_id', listName: 'list_name', figure: 'figure', count: 'count',
      detail: 'detail', sourceId: 'source_id', confidence: 'confidence', sourceUrls: 'source_urls', note: 'note',
    }, dataset.figures),
    // Questionnaires: a version is immutable and its window belongs to the admins, so only what is missing is added.
    ...dataset.surveys.flatMap((d, i) => [
      `INSERT OR IGNORE INTO surveys (id, audience, opens_at, closes_at, position) VALUES (${literal(d.id)}, ${literal(d.audience)}, ${literal(d.opens_at)}, ${literal(d.closes_at)}, ${i + 1});`,
      `INSERT OR IGNORE INTO survey_versions (id, survey_id, version, definition, created_at) VALUES (${literal(`${d.id}-v${d.version}`)}, ${literal(d.id)}, ${d.version}, ${literal(JSON.stringify(d))}, strftime('%Y-%m-%dT%H:%M:%fZ','now'));`,
    ]),
    `INSERT INTO meta (key, value) VALUES ('data_version', ${literal(dataset.version)}) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now');`,
  ];
}
