/**
 * How sure a row of the data is: `high` read in a copy of the official notice, `medium` named explicitly by a news
 * report or encyclopaedia, `low` deduced or from a weak source. Domain vocabulary lives in lib/ beside statuses.ts:
 * the contract (schemas/common.ts), the open-data tables and the import's checks all take this one tuple.
 */
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
