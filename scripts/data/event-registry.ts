import { parseSourceDate } from '../../worker/lib/dates.ts';
import type { Status } from '../../worker/lib/statuses.ts';
import { type StatusEventFacts, statusEventColumns } from '../../worker/services/status-event-row.ts';
import type { DatasetEvent, DatasetMembership } from './types.ts';

/** What a row of a data file says about a town on a list: one event for each status it names, on the date as written. */
export interface FileEvents extends Omit<StatusEventFacts, 'status'> {
  statuses: Status[];
  date: string | undefined;
}

/** The status events of the data files, numbered in the order the files give them. */
export class EventRegistry {
  readonly events: DatasetEvent[] = [];
  private readonly byKey = new Map<string, DatasetEvent>();

  /** One event for each of `input`'s statuses, unless another file already gave it: then that one gains its sources. */
  add(membership: DatasetMembership, input: FileEvents): void {
    const { statuses, date: written, ...facts } = input;
    const date = parseSourceDate(written);
    for (const status of statuses) {
      // The same event reported by two files is one event with both files' sources.
      const key = `${membership.townId}|${membership.listId}|${status}|${date.date ?? date.note ?? ''}`;
      const same = this.byKey.get(key);
      if (same) {
        for (const url of input.sourceUrls) if (!same.sourceUrls.includes(url)) same.sourceUrls.push(url);
        if (same.note === null) [same.note, same.noteZh] = [input.note, input.noteZh];
        continue;
      }
      // The event's own copy of the URLs: a later file's are merged into it (above).
      const event: DatasetEvent = {
        id: this.events.length + 1,
        dataKey: key,
        ...statusEventColumns(membership, { ...facts, status, sourceUrls: [...facts.sourceUrls] }, date),
      };
      this.events.push(event);
      this.byKey.set(key, event);
    }
  }
}
