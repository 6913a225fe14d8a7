import { isStatus, type Status } from '../../worker/lib/statuses.ts';
import type { Row } from './types.ts';

/** Thrown for data that cannot be loaded as it is; the message names the file and row. */
export class DataError extends Error {}

export type StatusMatcher = (raw: string | undefined, where: string) => Status[];

/**
 * The wording of the sources (status-vocabulary.csv: a pattern and the status
 * codes it means) as a function. The first matching pattern wins; wording that
 * no pattern knows stops the load rather than being guessed.
 */
export function compileVocabulary(rows: Row[]): StatusMatcher {
  const rules = rows.map((v) => {
    const statuses = (v.statuses ?? '').split(/\s+/).filter(Boolean);
    const bad = statuses.find((s) => !isStatus(s));
    if (bad) throw new DataError(`status-vocabulary.csv: "${bad}" is not a status code`);
    return { pattern: new RegExp(v.pattern!, 'i'), statuses: statuses as Status[] };
  });
  return (raw, where) => {
    const text = (raw ?? '').trim();
    const hit = rules.find((r) => r.pattern.test(text));
    if (!hit) throw new DataError(`${where}: status "${text}" matches no pattern in status-vocabulary.csv`);
    return hit.statuses;
  };
}
