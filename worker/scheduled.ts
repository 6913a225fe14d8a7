import { createDb } from './db/client.ts';
import type { AppEnv } from './env.ts';
import { noteWrite } from './http/freshness/version-copy.ts';
import { beijingDate } from './lib/beijing-date.ts';
import { log } from './lib/log.ts';
import { loggable } from './lib/loggable-error.ts';
import { inScope } from './lib/request-scope.ts';
import { applyDueStatuses } from './services/due-statuses.ts';
import { forgetStaleContacts } from './services/suggestions/retention.ts';
import { deletePastSalts } from './services/surveys/client-key.ts';

/**
 * The Cron Trigger (wrangler.toml `[triggers] crons`, hourly): applies the
 * statuses whose day has come, dated by the run's scheduled time in Beijing,
 * so that a status scheduled for 1 January counts from 00:00 Beijing time.
 * Hourly rather than daily, so a failed run is made good within the hour;
 * a run with nothing due reads an index and writes nothing. It also deletes
 * the salts of past days (UTC), so none outlives its day by more than an hour,
 * and the contact details of suggestions left undecided for 180 days (retention.ts).
 * Each runs even if another fails; awaited, so a failure shows as a failed
 * invocation in the Cron Events log.
 */
export function scheduled(controller: ScheduledController, env: AppEnv['Bindings']): Promise<void> {
  // A run has no Ray ID: it gets an id of its own, in each of its log lines.
  return inScope({ id: `cron-${crypto.randomUUID()}`, cron: controller.cron }, () => run(controller, env));
}

const TASKS = ['apply due statuses', 'delete past salts', 'forget stale contacts'] as const;

async function run(controller: ScheduledController, env: AppEnv['Bindings']): Promise<void> {
  const db = createDb(env.DB);
  const results = await Promise.allSettled([
    applyDueStatuses(db, beijingDate(controller.scheduledTime)),
    deletePastSalts(db, new Date(controller.scheduledTime)),
    forgetStaleContacts(db, new Date(controller.scheduledTime)),
  ]);
  // Statuses that took effect changed the data version: this isolate's reads must not use the versions from before.
  noteWrite();
  results.forEach((result, i) => {
    if (result.status === 'rejected') log('error', 'scheduled task failed', { task: TASKS[i], error: loggable(result.reason) });
  });
  for (const result of results) if (result.status === 'rejected') throw result.reason;
}
