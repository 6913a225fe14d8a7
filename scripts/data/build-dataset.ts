import { parseSourceDate } from '../../worker/lib/dates.ts';
import { isStatus, type Status } from '../../worker/lib/statuses.ts';
import { SurveyDefinitionSchema, type SurveyDefinition } from '../../worker/schemas/survey-definition.ts';
import { statusEventColumns, type StatusEventFacts } from '../../worker/services/status-event-row.ts';
import { bilingualNote, sourceStageOf } from './notes.ts';
import { SourceRegistry } from './source-registry.ts';
import { blank, shortHash, splitUrls } from './text.ts';
import { townDivisions } from './town-divisions.ts';
import { TownRegistry } from './town-registry.ts';
import { compileVocabulary, DataError, type StatusMatcher } from './vocabulary.ts';

export { DataError };
import type {
  DataFiles, Dataset, DatasetEvent, DatasetFigure, DatasetList, DatasetMembership, DatasetProvinceCount,
  DatasetTown, DatasetWave, EventFileConfig, Row,
} from './types.ts';

/** What a row of a data file says about a town on a list: one event for each status it names, on the date as written. */
interface FileEvents extends Omit<StatusEventFacts, 'status'> {
  statuses: Status[];
  date: string | undefined;
}

/**
 * Turns the files of data/ into the normalized data set. Pure: the same files
 * always give the same data set (and the same `version`), so the load is
 * idempotent and a newer copy of a CSV needs no code change.
 */
export function buildDataset(files: DataFiles): Dataset {
  const b = new Builder(files);
  b.loadListFiles();
  b.loadEventFiles();
  b.checkEveryFileIsDescribed();
  const surveys = files.surveys.map(parseSurvey);
  return { ...b.finish(), surveys, waves: parseWaves(files.waves, surveys) };
}

function eventNote(note: { en: string | null; zh: string | null }): Pick<FileEvents, 'note' | 'noteZh'> {
  return { note: note.en, noteZh: note.zh };
}

const WAVE_COLUMNS = ['id', 'survey', 'version', 'name', 'name_en', 'opens_at', 'closes_at', 'publication'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * data/surveys/waves.csv: each row a wave of a survey, asking one version of
 * its questionnaire. Every survey needs a wave, and the waves of a survey must
 * not overlap (the database refuses that too); instants are UTC with `Z`.
 */
function parseWaves(rows: Row[], surveys: SurveyDefinition[]): DatasetWave[] {
  const fail = (line: number, message: string) => {
    throw new DataError(`surveys/waves.csv row ${line}: ${message}`);
  };
  const waves = rows.map((row, i): DatasetWave => {
    const line = i + 2;
    for (const column of WAVE_COLUMNS) if (!(column in row)) fail(line, `no ${column} column`);
    if (!/^[a-z][a-z0-9-]{0,60}$/.test(row.id!)) fail(line, `id "${row.id}" is not a lower-case slug`);
    const survey = surveys.find((s) => s.id === row.survey && s.version === Number(row.version));
    if (!survey) fail(line, `no questionnaire ${row.survey} version ${row.version} in data/surveys`);
    if (!INSTANT.test(row.opens_at!) || (row.closes_at && !INSTANT.test(row.closes_at))) fail(line, 'opens_at and closes_at are UTC instants like 2026-01-01T00:00:00Z (closes_at may be empty)');
    if (row.closes_at && row.closes_at <= row.opens_at!) fail(line, 'closes_at is not after opens_at');
    if (row.publication !== 'after_close' && row.publication !== 'live_in_steps') fail(line, 'publication is after_close or live_in_steps');
    if (!row.name || !row.name_en) fail(line, 'a wave needs a name and a name_en');
    return {
      id: row.id!,
      surveyId: row.survey!,
      versionId: `${row.survey}-v${row.version}`,
      name: row.name!,
      nameEn: row.name_en!,
      // One spelling for every instant (toISOString: milliseconds and Z), so that they compare as text.
      opensAt: new Date(row.opens_at!).toISOString(),
      closesAt: row.closes_at ? new Date(row.closes_at).toISOString() : null,
      publication: row.publication as DatasetWave['publication'],
    };
  });
  for (const survey of new Set(surveys.map((s) => s.id))) {
    const own = waves.filter((w) => w.surveyId === survey).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    if (!own.length) throw new DataError(`surveys/waves.csv: the survey ${survey} has no wave`);
    for (let i = 1; i < own.length; i++) {
      if (!own[i - 1]!.closesAt || own[i - 1]!.closesAt! > own[i]!.opensAt) throw new DataError(`surveys/waves.csv: the waves ${own[i - 1]!.id} and ${own[i]!.id} overlap`);
    }
  }
  return waves;
}

function parseSurvey(raw: unknown, i: number): SurveyDefinition {
  const result = SurveyDefinitionSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new DataError(`surveys file ${i + 1}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}`);
  }
  return result.data;
}

class Builder {
  private readonly sources = new SourceRegistry();
  private readonly towns: TownRegistry;
  private readonly lists: DatasetList[];
  private readonly listById: Map<string, DatasetList>;
  private readonly memberships = new Map<string, DatasetMembership>();
  private readonly events: DatasetEvent[] = [];
  private readonly eventKeys = new Map<string, DatasetEvent>();
  private readonly figures: DatasetFigure[] = [];
  private readonly statusesOf: StatusMatcher;

  constructor(private readonly files: DataFiles) {
    this.towns = new TownRegistry(new Map(files.provinces.map((p) => [p.name!, p.slug!])), files.aliases);
    this.statusesOf = compileVocabulary(files.vocabulary);
    this.lists = files.lists.map((row, i) => this.listFromRow(row, i + 1));
    this.listById = new Map(this.lists.map((l) => [l.id, l]));
  }

  loadListFiles(): void {
    for (const list of this.lists) {
      const spec = this.files.lists.find((r) => r.id === list.id)!;
      if (!spec.file) continue;
      const rows = this.csvRows(spec.file).filter((r) => (r[spec.match_column!] ?? '').trim() === spec.match_value);
      rows.forEach((row, i) => this.addListRow(list, row, i + 1, spec.file!));
    }
    // Every row of a list file must belong to a list: nothing is dropped silently.
    for (const file of new Set(this.files.lists.map((r) => r.file).filter(Boolean))) {
      const specs = this.files.lists.filter((r) => r.file === file);
      for (const [i, row] of this.csvRows(file!).entries()) {
        if (!specs.some((s) => (row[s.match_column!] ?? '').trim() === s.match_value)) {
          throw new DataError(`${file} row ${i + 2}: "${row[specs[0]!.match_column!]}" matches no list in lists.csv`);
        }
      }
    }
  }

  loadEventFiles(): void {
    for (const config of this.files.eventFiles.files) {
      for (const [i, row] of this.csvRows(config.file).entries()) {
        const where = `${config.file} row ${i + 2}`;
        if (blank(row.town)) {
          this.addEventRow(config, row, where);
        } else if (config.figures_when_town_empty) {
          this.addFigure(config, row);
        } else {
          throw new DataError(`${where}: no town named`);
        }
      }
    }
  }

  checkEveryFileIsDescribed(): void {
    const described = new Set([
      ...this.files.lists.map((r) => r.file).filter(Boolean),
      ...this.files.eventFiles.files.map((f) => f.file),
    ]);
    const unknown = Object.keys(this.files.csv).filter((f) => !described.has(f));
    if (unknown.length) throw new DataError(`not described in lists.csv or event-files.json: ${unknown.join(', ')}`);
  }

  finish(): Omit<Dataset, 'surveys' | 'waves'> {
    const memberships = [...this.memberships.values()];
    for (const m of memberships) {
      const latest = this.events
        .filter((e) => e.membershipId === m.id)
        .sort((a, b) => (a.effectiveOn ?? '').localeCompare(b.effectiveOn ?? '') || a.id - b.id)
        .at(-1)!;
      m.currentStatus = latest.status;
      m.currentSince = latest.effectiveDate;
    }
    const divisions = townDivisions(this.towns.towns, this.files.divisions, this.files.reviewedDivisions);
    for (const town of this.towns.towns) {
      const division = divisions.get(town.id)!;
      town.divisionCode = division.code;
      town.derivedCity = division.derivedCity;
      town.derivedCounty = division.derivedCounty;
    }
    const provinceCounts = this.provinceCounts(memberships);
    for (const list of this.lists) {
      list.townCount = memberships.filter((m) => m.listId === list.id).length;
      const provinces = provinceCounts.filter((p) => p.listId === list.id);
      list.complete =
        list.officialCount !== null &&
        list.townCount === list.officialCount &&
        provinces.every((p) => p.townCount === p.officialCount);
    }
    const body = {
      sources: this.sources.sources,
      lists: this.lists,
      provinceCounts,
      towns: this.towns.towns,
      memberships,
      events: this.events,
      figures: this.figures,
    };
    return { version: shortHash(JSON.stringify(body), 16), ...body };
  }

  private listFromRow(row: Row, position: number): DatasetList {
    const entry = (row.entry_status ?? '').trim();
    if (!isStatus(entry)) throw new DataError(`lists.csv ${row.id}: entry_status "${entry}" is not a status code`);
    const sourceUrl = blank(row.source_url);
    return {
      id: row.id!,
      name: row.name!,
      nameEn: row.name_en!,
      level: row.level!,
      kind: row.kind!,
      province: blank(row.province),
      issuer: blank(row.issuer),
      publishedOn: blank(row.published_on),
      documentTitle: blank(row.document_title),
      documentNumber: blank(row.document_number),
      sourceId: this.sources.cite(row.document_title, {
        issuer: blank(row.issuer),
        publishedOn: blank(row.published_on),
        documentNumber: blank(row.document_number),
        urls: sourceUrl ? [sourceUrl] : [],
      }),
      sourceUrl,
      officialCount: blank(row.official_count) === null ? null : Number(row.official_count),
      townCount: 0,
      complete: false,
      note: blank(row.note),
      noteZh: bilingualNote(row, ['note']).zh,
      position,
      entryStatus: entry,
    };
  }

  private addListRow(list: DatasetList, row: Row, position: number, file: string): void {
    const town = this.towns.findOrCreate(row);
    const membership = this.membership(town, list, row, position, `${file} (${row.town})`);
    const statuses = this.statusesOf(row.status, `${file} (${row.town})`);
    const document = row.status_document || row.list_document || row.document || list.documentTitle;
    const input: FileEvents = {
      statuses,
      statusRaw: blank(row.status),
      date: row.status_date,
      sourceId: this.sources.cite(document, { issuer: list.issuer, urls: splitUrls(row.source_urls) }),
      confidence: blank(row.confidence),
      sourceUrls: splitUrls(row.source_urls),
      ...eventNote(bilingualNote(row, ['status_detail'])),
    };
    if (statuses.length === 1 && statuses[0] === list.entryStatus) {
      this.addEvents(membership, input);
      return;
    }
    // The row records a later change (e.g. a yellow card): the town entered the list when the list was published.
    this.addEvents(membership, { ...input, statuses: [list.entryStatus], statusRaw: null, date: list.publishedOn ?? undefined, sourceId: list.sourceId, note: null, noteZh: null });
    this.addEvents(membership, input);
  }

  private addEventRow(config: EventFileConfig, row: Row, where: string): void {
    const town = this.towns.findOrCreate(row);
    const list = this.listById.get(this.resolveList(config, row, town, where));
    if (!list) throw new DataError(`${where}: list not found`);
    const fresh = !this.memberships.has(`${town.id}|${list.id}`);
    const membership = this.membership(town, list, row, null, where);
    const statuses = this.statusesOf(row.status, where);
    const document = config.document_column
      ? row[config.document_column]
      : config.document_template?.replace(/\{(\w+)\}/g, (_, col: string) => row[col] ?? '');
    const note = bilingualNote(row, ['note', ...(config.extra_note_columns ?? [])]);
    if (fresh && !statuses.includes(list.entryStatus)) {
      this.addEvents(membership, {
        statuses: [list.entryStatus], statusRaw: null, date: list.publishedOn ?? undefined, sourceId: list.sourceId,
        confidence: blank(row.confidence), sourceUrls: [],
        note: 'Listing date not known; the town is known to be on this list from a later event.',
        noteZh: '入选日期不详；从后来的事件可知该镇在此名单上。',
      });
    }
    this.addEvents(membership, {
      statuses,
      statusRaw: blank(row.status),
      date: row[config.date_column],
      sourceId: this.sources.cite(document, { issuer: blank(row.issuer), urls: splitUrls(row.source_urls) }),
      confidence: blank(row.confidence),
      sourceUrls: splitUrls(row.source_urls),
      ...eventNote(note),
    });
  }

  private resolveList(config: EventFileConfig, row: Row, town: DatasetTown, where: string): string {
    const alias = config.list_column ? config.list_aliases?.[(row[config.list_column] ?? '').trim()] : undefined;
    if (alias) return alias;
    const rule = config.rules.find((r) => {
      if (!r.when) return true;
      const value = (row[r.when.column] ?? '').trim();
      return r.when.prefix !== undefined ? value.startsWith(r.when.prefix) : value === r.when.equals;
    });
    if (!rule) throw new DataError(`${where}: no rule in event-files.json places this row on a list`);
    if (rule.list) return rule.list;
    const onList = this.lists.find(
      (l) => l.province === town.province && rule.kinds?.includes(l.kind) && this.memberships.has(`${town.id}|${l.id}`),
    );
    if (onList) return onList.id;
    if (!rule.fallback_list) throw new DataError(`${where}: town is on no matching list and the rule has no fallback_list`);
    return rule.fallback_list;
  }

  private membership(town: DatasetTown, list: DatasetList, row: Row, position: number | null, where: string): DatasetMembership {
    const key = `${town.id}|${list.id}`;
    const existing = this.memberships.get(key);
    if (existing) {
      for (const url of splitUrls(row.source_urls)) if (!existing.sourceUrls.includes(url)) existing.sourceUrls.push(url);
      return existing;
    }
    const stage = sourceStageOf(row, where);
    const created: DatasetMembership = {
      id: this.memberships.size + 1,
      townId: town.id,
      listId: list.id,
      listedAs: blank(row.listed_as) ?? blank(row.as_in_source) ?? (row.town?.trim() !== town.name ? blank(row.town) : null),
      position,
      confidence: blank(row.confidence),
      sourceUrls: splitUrls(row.source_urls),
      note: blank(row.note),
      noteZh: bilingualNote(row, ['note']).zh,
      currentStatus: list.entryStatus,
      currentSince: null,
      sourceStage: stage.stage,
      sourceStageDate: stage.date,
    };
    this.memberships.set(key, created);
    return created;
  }

  private addEvents(membership: DatasetMembership, input: FileEvents): void {
    const { statuses, date: written, ...facts } = input;
    const date = parseSourceDate(written);
    for (const status of statuses) {
      // The same event reported by two files is one event with both files' sources.
      const key = `${membership.townId}|${membership.listId}|${status}|${date.date ?? date.note ?? ''}`;
      const same = this.eventKeys.get(key);
      if (same) {
        for (const url of input.sourceUrls) if (!same.sourceUrls.includes(url)) same.sourceUrls.push(url);
        if (same.note === null) [same.note, same.noteZh] = [input.note, input.noteZh];
        continue;
      }
      // The event's own copy of the URLs: a later file's are merged into it (above).
      const event: DatasetEvent = { id: this.events.length + 1, dataKey: key, ...statusEventColumns(membership, { ...facts, status, sourceUrls: [...facts.sourceUrls] }, date) };
      this.events.push(event);
      this.eventKeys.set(key, event);
    }
  }

  private addFigure(config: EventFileConfig, row: Row): void {
    const date = parseSourceDate(row[config.date_column]);
    const figure = blank(row.count_affected);
    const listName = blank(row[config.list_column ?? '']);
    this.figures.push({
      id: this.figures.length + 1,
      level: blank(row.level) ?? 'national',
      province: blank(row.province),
      issuer: blank(row.issuer),
      effectiveDate: date.date,
      datePrecision: date.precision,
      dateNote: date.note,
      eventType: blank(row.event_type) ?? blank(row.status) ?? 'report',
      listId: listName ? (config.list_aliases?.[listName] ?? null) : null,
      listName,
      figure,
      count: figure && /^\d+$/.test(figure) ? Number(figure) : null,
      detail: blank(row.detail),
      detailZh: bilingualNote(row, ['detail']).zh,
      sourceId: this.sources.cite(row[config.document_column ?? ''], { issuer: blank(row.issuer), urls: splitUrls(row.source_urls) }),
      confidence: blank(row.confidence),
      sourceUrls: splitUrls(row.source_urls),
      note: blank(row.note),
      noteZh: bilingualNote(row, ['note']).zh,
    });
  }

  private provinceCounts(memberships: DatasetMembership[]): DatasetProvinceCount[] {
    const townById = new Map(this.towns.towns.map((t) => [t.id, t]));
    return this.files.provinceCounts.map((row) => {
      if (!this.listById.has(row.list_id!)) throw new DataError(`official-province-counts.csv: unknown list ${row.list_id}`);
      return {
        listId: row.list_id!,
        province: row.province!,
        officialCount: Number(row.official_count),
        townCount: memberships.filter((m) => m.listId === row.list_id && townById.get(m.townId)?.province === row.province).length,
        source: blank(row.source),
      };
    });
  }

  private csvRows(file: string): Row[] {
    const rows = this.files.csv[file];
    if (!rows) throw new DataError(`data file ${file} is missing`);
    return rows;
  }
}
