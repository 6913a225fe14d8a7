import { EventRegistry, type FileEvents } from './event-registry.ts';
import { figureFromRow } from './figures.ts';
import { listFromRow } from './lists.ts';
import { bilingualNote, sourceStageOf } from './notes.ts';
import { SourceRegistry } from './source-registry.ts';
import { parseSurvey, parseWaves } from './surveys.ts';
import { blank, shortHash, splitUrls } from './text.ts';
import { townDivisions } from './town-divisions.ts';
import { TownRegistry } from './town-registry.ts';
import { compileVocabulary, DataError, type StatusMatcher } from './vocabulary.ts';

export { DataError };

import type {
  DataFiles,
  Dataset,
  DatasetFigure,
  DatasetList,
  DatasetMembership,
  DatasetProvinceCount,
  DatasetTown,
  EventFileConfig,
  Row,
} from './types.ts';

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

class Builder {
  private readonly sources = new SourceRegistry();
  private readonly towns: TownRegistry;
  private readonly lists: DatasetList[];
  private readonly listById: Map<string, DatasetList>;
  private readonly memberships = new Map<string, DatasetMembership>();
  private readonly events = new EventRegistry();
  private readonly figures: DatasetFigure[] = [];
  private readonly statusesOf: StatusMatcher;

  constructor(private readonly files: DataFiles) {
    this.towns = new TownRegistry(new Map(files.provinces.map((p) => [p.name!, p.slug!])), files.aliases);
    this.statusesOf = compileVocabulary(files.vocabulary);
    this.lists = files.lists.map((row, i) => listFromRow(row, i + 1, this.sources));
    this.listById = new Map(this.lists.map((l) => [l.id, l]));
  }

  loadListFiles(): void {
    for (const list of this.lists) {
      const spec = this.files.lists.find((r) => r.id === list.id)!;
      if (!spec.file) continue;
      const rows = this.csvRows(spec.file).filter((r) => (r[spec.match_column!] ?? '').trim() === spec.match_value);
      rows.forEach((row, i) => {
        this.addListRow(list, row, i + 1, spec.file!);
      });
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
          this.figures.push(figureFromRow(this.figures.length + 1, config, row, this.sources));
        } else {
          throw new DataError(`${where}: no town named`);
        }
      }
    }
  }

  checkEveryFileIsDescribed(): void {
    const described = new Set([...this.files.lists.map((r) => r.file).filter(Boolean), ...this.files.eventFiles.files.map((f) => f.file)]);
    const unknown = Object.keys(this.files.csv).filter((f) => !described.has(f));
    if (unknown.length) throw new DataError(`not described in lists.csv or event-files.json: ${unknown.join(', ')}`);
  }

  finish(): Omit<Dataset, 'surveys' | 'waves'> {
    const memberships = [...this.memberships.values()];
    for (const m of memberships) {
      const latest = this.events.events
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
        list.officialCount !== null && list.townCount === list.officialCount && provinces.every((p) => p.townCount === p.officialCount);
    }
    const body = {
      sources: this.sources.sources,
      lists: this.lists,
      provinceCounts,
      towns: this.towns.towns,
      memberships,
      events: this.events.events,
      figures: this.figures,
    };
    return { version: shortHash(JSON.stringify(body), 16), ...body };
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
      this.events.add(membership, input);
      return;
    }
    // The row records a later change (e.g. a yellow card): the town entered the list when the list was published.
    this.events.add(membership, {
      ...input,
      statuses: [list.entryStatus],
      statusRaw: null,
      date: list.publishedOn ?? undefined,
      sourceId: list.sourceId,
      note: null,
      noteZh: null,
    });
    this.events.add(membership, input);
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
      this.events.add(membership, {
        statuses: [list.entryStatus],
        statusRaw: null,
        date: list.publishedOn ?? undefined,
        sourceId: list.sourceId,
        confidence: blank(row.confidence),
        sourceUrls: [],
        note: 'Listing date not known; the town is known to be on this list from a later event.',
        noteZh: '入选日期不详；从后来的事件可知该镇在此名单上。',
      });
    }
    this.events.add(membership, {
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
