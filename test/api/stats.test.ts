import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ListPageSchema } from '../../worker/schemas/lists.ts';
import { StatsSchema } from '../../worker/schemas/stats.ts';
import { TownPageSchema } from '../../worker/schemas/towns.ts';
import { getJson, getParsed } from '../helpers.ts';

async function stats(query: string) {
  const { res, body } = await getJson(`/api/v1/stats?${query}`);
  expect(res.status, query).toBe(200);
  return StatsSchema.parse(body);
}

describe('GET /api/v1/stats', () => {
  it.each(['province', 'status', 'list', 'level'])('groups by %s with totals that match /towns', async (group) => {
    const body = await stats(`group_by=${group}`);
    const { body: towns } = await getParsed(TownPageSchema, '/api/v1/towns?limit=1');
    expect(body.total_towns).toBe(towns.total);
    expect(body.groups.reduce((n, g) => n + g.memberships, 0)).toBe(body.total_memberships);
  });

  it('counts the 2016 and 2017 national batches against 127 and 276', async () => {
    const body = await stats('group_by=list&level=national');
    const { body: lists } = await getParsed(ListPageSchema, '/api/v1/lists');
    for (const [id, official] of [
      ['mohurd-2016-batch1', 127],
      ['mohurd-2017-batch2', 276],
    ] as const) {
      const group = body.groups.find((g) => g.key === id)!;
      const list = lists.items.find((l) => l.id === id)!;
      expect(group.official_count).toBe(official);
      expect(group.memberships).toBe(list.town_count);
      expect(group.missing).toBe(official - list.town_count);
      expect(group.label).toBe(list.name);
    }
  });

  it('applies the town filters, as_of included', async () => {
    const all = await stats('group_by=status&list=mohurd-2016-batch1');
    const early = await stats('group_by=status&list=mohurd-2016-batch1&as_of=2016-10-13');
    expect(all.total_towns).toBeGreaterThan(0);
    expect(early.total_towns).toBe(0);
    expect(early.as_of).toBe('2016-10-13');
    const beijing = await stats('group_by=province&province=北京市');
    expect(beijing.groups.map((g) => g.key)).toEqual(['北京市']);
  });

  it('does not compare a filtered count with the official number', async () => {
    const body = await stats('group_by=province&list=mohurd-2016-batch1&status=eliminated');
    expect(body.groups.every((g) => g.official_count === null)).toBe(true);
  });

  it('rejects an unknown grouping with a 400 naming group_by', async () => {
    const { res, body } = await getParsed(ProblemSchema, '/api/v1/stats?group_by=colour');
    expect(res.status).toBe(400);
    expect(body.errors?.[0]?.name).toBe('group_by');
  });
});
