import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { HistorySchema, TownSchema } from '../../worker/schemas/towns.ts';
import { adminHeaders, getParsed, JSON_BODY, request } from '../helpers.ts';

const reload = () => env.DB.batch(env.TEST_SEED.map((statement) => env.DB.prepare(statement)));
const version = async () => (await env.DB.prepare("SELECT value FROM meta WHERE key = 'data_version'").first<string>('value'))!;

describe('reloading the data files', () => {
  it('changes nothing when the files did not change: same data version, no change in the feed', async () => {
    const before = await version();
    await reload();
    expect(await version()).toBe(before);
  });

  it('keeps what staff recorded through the admin API, and the status it gives', async () => {
    const auth = adminHeaders('admin', JSON_BODY);
    const source = await (
      await request('POST', '/api/v1/admin/sources', { headers: auth, body: JSON.stringify({ title: '重载测试通知' }) })
    ).json<any>();
    const event = await request('POST', '/api/v1/admin/events', {
      headers: auth,
      // Dated today in Beijing: the latest event in effect (a later date would be scheduled, and not yet the status).
      body: JSON.stringify({
        town_id: 'beijing-changgouzhen',
        list_id: 'mohurd-2016-batch1',
        status: 'warned',
        effective_date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        source_id: source.id,
      }),
    });
    expect(event.status).toBe(201);
    const recorded = await event.json<any>();
    const before = await version();
    await reload();
    expect(await version()).toBe(before);
    const history = await getParsed(HistorySchema, '/api/v1/towns/beijing-changgouzhen/history');
    expect(history.body.items.at(-1)).toMatchObject({ id: recorded.id, status: 'warned', recorded_at: expect.any(String) });
    const town = await getParsed(TownSchema, '/api/v1/towns/beijing-changgouzhen');
    expect(town.body.memberships.find((m) => m.list_id === 'mohurd-2016-batch1')?.status).toBe('warned');
  });
});
