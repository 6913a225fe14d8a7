import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';

// The privacy notice (/data) says a day's salt outlives its day by an hour at most, even when no submission comes
// the next day to delete it: the hourly Cron Trigger deletes the salts of past days (UTC).
const days = async () =>
  (await env.DB.prepare('SELECT day FROM daily_salts ORDER BY day').all<{ day: string }>()).results.map((r) => r.day);

describe('the hourly Cron Trigger deletes the salts of past days', () => {
  it('keeps only the salt of the current day (UTC), also on a day without submissions', async () => {
    await env.DB.prepare('DELETE FROM daily_salts').run();
    for (const day of ['2031-03-01', '2031-03-02', '2031-03-03']) {
      await env.DB.prepare('INSERT INTO daily_salts (day, salt) VALUES (?, ?)').bind(day, `salt-${day}`).run();
    }
    // 00:05 UTC on 3 March (08:05 in Beijing): the salts of 1 and 2 March go, 3 March's stays.
    await worker.scheduled(createScheduledController({ scheduledTime: Date.UTC(2031, 2, 3, 0, 5), cron: '0 * * * *' }), env);
    expect(await days()).toEqual(['2031-03-03']);
    // 23:00 UTC the day after: nobody submitted on 4 March, and the salt of 3 March is gone all the same.
    await worker.scheduled(createScheduledController({ scheduledTime: Date.UTC(2031, 2, 4, 23, 0), cron: '0 * * * *' }), env);
    expect(await days()).toEqual([]);
  });
});
