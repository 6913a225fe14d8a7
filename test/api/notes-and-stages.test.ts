import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ChangePageSchema } from '../../worker/schemas/changes.ts';
import { ListDetailSchema } from '../../worker/schemas/lists.ts';
import { FigurePageSchema } from '../../worker/schemas/sources.ts';
import { HistorySchema, MembershipPageSchema, TownSchema } from '../../worker/schemas/towns.ts';
import { csvRecords } from '../csv-reader.ts';
import { get, getParsed } from '../helpers.ts';

/** A town of the data named only at the public notice (公示) of the 2017 batch. */
async function publicNoticeTown(): Promise<string> {
  return (await env.DB.prepare(
    "SELECT town_id FROM memberships WHERE source_stage = 'public-notice' ORDER BY town_id LIMIT 1",
  ).first<string>('town_id'))!;
}

describe('note_zh beside note', () => {
  it('gives a list its note in both languages', async () => {
    const { body } = await getParsed(ListDetailSchema, '/api/v1/lists/mohurd-2017-batch2');
    expect(body.note).toMatch(/^建村〔2017〕178号 is the commonly cited number/);
    expect(body.note_zh).toMatch(/^建村〔2017〕178号是通知常被引用的文号/);
  });

  it('gives a town’s memberships and events their notes in both languages', async () => {
    const id = await publicNoticeTown();
    const { body: town } = await getParsed(TownSchema, `/api/v1/towns/${id}`);
    const batch2 = town.memberships.find((m) => m.list_id === 'mohurd-2017-batch2')!;
    expect(batch2.note).toEqual(expect.any(String));
    expect(batch2.note_zh).toEqual(expect.any(String));
    expect(batch2.note_zh).not.toBe(batch2.note);
    expect(town).toHaveProperty('note_zh');
    const { body: history } = await getParsed(HistorySchema, `/api/v1/towns/${id}/history`);
    for (const e of history.items) expect(e).toHaveProperty('note_zh');
  });

  it('gives reported figures their detail and note in both languages, in JSON and CSV', async () => {
    const { body } = await getParsed(FigurePageSchema, '/api/v1/reported-figures');
    const first = body.items.find((f: { count: number | null }) => f.count === 127);
    expect(first).toMatchObject({
      detail: '127 towns recognised as the first batch of 中国特色小镇.',
      detail_zh: '127个镇被认定为第一批中国特色小镇。',
    });
    const rows = csvRecords(await (await get('/api/v1/reported-figures?format=csv')).text());
    expect(rows.find((r) => r.count === '127')).toMatchObject({ detail_zh: '127个镇被认定为第一批中国特色小镇。' });
  });
});

describe('source_stage', () => {
  it('is on every membership of a town, with its date', async () => {
    const { body } = await getParsed(TownSchema, `/api/v1/towns/${await publicNoticeTown()}`);
    expect(body.memberships.find((m: { list_id: string }) => m.list_id === 'mohurd-2017-batch2')).toMatchObject({
      source_stage: 'public-notice',
      source_stage_date: '2017-07-27',
    });
    // A list without stages says nothing rather than guess.
    const { body: first } = await getParsed(TownSchema, '/api/v1/towns/beijing-changgouzhen');
    expect(first.memberships[0]).toMatchObject({ list_id: 'mohurd-2016-batch1', source_stage: null, source_stage_date: null });
  });

  it('is in the long-form memberships, JSON and CSV, counted as the data has it', async () => {
    const { body } = await getParsed(MembershipPageSchema, '/api/v1/memberships?list=mohurd-2017-batch2');
    const stages = new Map<string, number>();
    for (const m of body.items) stages.set(String(m.source_stage), (stages.get(String(m.source_stage)) ?? 0) + 1);
    const db = await env.DB.prepare(
      "SELECT coalesce(source_stage, 'null') AS stage, count(*) AS n FROM memberships WHERE list_id = 'mohurd-2017-batch2' GROUP BY 1",
    ).all<{ stage: string; n: number }>();
    expect(Object.fromEntries(stages)).toEqual(Object.fromEntries(db.results.map((r) => [r.stage, r.n])));
    expect(stages.get('public-notice')).toBeGreaterThan(0);
    const rows = csvRecords(await (await get('/api/v1/memberships?list=mohurd-2017-batch2&format=csv')).text());
    expect(rows.filter((r) => r.source_stage === 'public-notice').every((r) => r.source_stage_date === '2017-07-27')).toBe(true);
    expect(rows.filter((r) => r.source_stage === 'public-notice')).toHaveLength(stages.get('public-notice')!);
  });

  it('is not a filter: an unknown parameter is a 400 problem, never a silently wider answer', async () => {
    for (const q of ['source_stage=public-notice', 'source_stage=%E5%85%AC%E7%A4%BA', 'note_zh[]=1']) {
      const res = await get(`/api/v1/memberships?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('the change feed', () => {
  it('records a change of a translation or a source stage, and not an update that changes nothing', async () => {
    const seq = async (entity: string, id: string) =>
      (await env.DB.prepare('SELECT seq FROM change_log WHERE entity = ? AND entity_id = ?').bind(entity, id).first<number>('seq')) ?? 0;
    const town = await publicNoticeTown();
    const key = `${town}/mohurd-2017-batch2`;
    const before = await seq('membership', key);
    await env.DB.prepare(
      "UPDATE memberships SET source_stage_date = source_stage_date WHERE town_id = ? AND list_id = 'mohurd-2017-batch2'",
    )
      .bind(town)
      .run();
    expect(await seq('membership', key)).toBe(before);
    await env.DB.prepare("UPDATE memberships SET source_stage = 'final' WHERE town_id = ? AND list_id = 'mohurd-2017-batch2'")
      .bind(town)
      .run();
    const afterStage = await seq('membership', key);
    expect(afterStage).toBeGreaterThan(before);
    await env.DB.prepare("UPDATE memberships SET note_zh = '改过的说明' WHERE town_id = ? AND list_id = 'mohurd-2017-batch2'")
      .bind(town)
      .run();
    expect(await seq('membership', key)).toBeGreaterThan(afterStage);
    for (const [table, entity, id, column] of [
      ['lists', 'list', 'mohurd-2017-batch2', 'note_zh'],
      ['towns', 'town', town, 'note_zh'],
      ['sources', 'source', null, 'note_zh'],
      ['status_events', 'event', null, 'note_zh'],
      ['reported_figures', 'figure', null, 'detail_zh'],
    ] as const) {
      const rowId = id ?? String(await env.DB.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT 1`).first('id'));
      const was = await seq(entity, rowId);
      await env.DB.prepare(`UPDATE ${table} SET ${column} = '新的译文' WHERE id = ?`)
        .bind(table === 'status_events' || table === 'reported_figures' ? Number(rowId) : rowId)
        .run();
      expect(await seq(entity, rowId), table).toBeGreaterThan(was);
    }
    const { body } = await getParsed(ChangePageSchema, `/api/v1/changes?since=${(await seq('membership', key)) - 1}`);
    const change = body.items.find((c) => c.entity === 'membership' && c.id === key)!;
    expect(change.data).toMatchObject({ source_stage: 'final', note_zh: '改过的说明' });
  });
});
