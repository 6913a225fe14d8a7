import { csvColumns } from '../../open-data/table.ts';
import { RESULT_FIELDS } from '../../open-data/tables/satisfaction-results.ts';

export { type ResultRow, resultRows } from '../../open-data/tables/satisfaction-results.ts';

/** The results CSV: the columns the data package describes. */
export const RESULT_CSV = csvColumns({ fields: RESULT_FIELDS });
