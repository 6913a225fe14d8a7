import type { Table } from '../table.ts';
import { LISTS_TABLE } from './lists.ts';
import { MEMBERSHIPS_TABLE } from './memberships.ts';
import { REPORTED_FIGURES_TABLE } from './reported-figures.ts';
import { SATISFACTION_RESULTS_TABLE } from './satisfaction-results.ts';
import { SOURCES_TABLE } from './sources.ts';
import { STATUS_EVENTS_TABLE } from './status-events.ts';
import { TOWNS_TABLE } from './towns.ts';

/** Every public table, in the order the data package lists them (a table before the tables that point to it). */
export const PUBLIC_TABLES: Table<never>[] = [
  SOURCES_TABLE,
  LISTS_TABLE,
  TOWNS_TABLE,
  MEMBERSHIPS_TABLE,
  STATUS_EVENTS_TABLE,
  REPORTED_FIGURES_TABLE,
  SATISFACTION_RESULTS_TABLE,
] as Table<never>[];
