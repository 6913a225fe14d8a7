import { csvColumns } from '../../open-data/table.ts';
import { TOWNS_TABLE } from '../../open-data/tables/towns.ts';

/** One row per town; its lists as `list_id:status` pairs separated by `; ` (the data package says so). */
export const TOWN_CSV = csvColumns(TOWNS_TABLE);
