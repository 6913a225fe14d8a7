import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ListDetailSchema, ListPageSchema } from '../../worker/schemas/lists.ts';
import { StatsSchema } from '../../worker/schemas/stats.ts';
import { TownPageSchema } from '../../worker/schemas/towns.ts';
import { getJson, getParsed } from '../helpers.ts';

async function allLists() {
  const { body } = await getJson('/api/v1/lists');
  return ListPageSchema.parse(body).items;
}

describe('GET /api/v1/lists', () => {
  it('returns every list with its notice, official count and our count', async () => {
    const { res, body } = await getJson('/api/v1/lists');
    expect(res.status).toBe(200);
    const page = ListPageSchema.parse(body);
    expect(page.total).toBe(page.items.length);
    expect(page.next_cursor).toBeNull();
    for (const list of page.items) {
      expect(list.id).toMatch(/^[a-z0-9-]+$/);
      expect(list.missing).toBe(list.official_count === null ? null : list.official_count - list.town_count);
    }
  });

  it('states the official totals of the national batches', async () => {
    const lists = await allLists();
    const batch1 = lists.find((l) => l.id === 'mohurd-2016-batch1')!;
    const batch2 = lists.find((l) => l.id === 'mohurd-2017-batch2')!;
    expect(batch1).toMatchObject({
      official_count: 127,
      document_number: '建村〔2016〕221号',
      level: 'national',
      published_on: '2016-10-14',
    });
    expect(batch2).toMatchObject({ official_count: 276, level: 'national', published_on: '2017-08-22' });
    expect(batch1.town_count).toBeLessThanOrEqual(127);
    expect(batch2.town_count).toBeLessThanOrEqual(276);
  });

  it('marks a list complete only when it adds up, per list and per province', async () => {
    for (const list of await allLists()) {
      const { body } = await getJson(`/api/v1/lists/${list.id}`);
      const detail = ListDetailSchema.parse(body);
      const { body: towns } = await getParsed(TownPageSchema, `/api/v1/lists/${list.id}/towns?limit=1`);
      expect(towns.total, list.id).toBe(list.town_count);
      const provincesAddUp = detail.province_counts.every((p) => p.town_count === p.official_count);
      expect(list.complete, list.id).toBe(list.official_count !== null && list.town_count === list.official_count && provincesAddUp);
      if (list.complete) expect(towns.total).toBe(list.official_count);
    }
  });

  it('keeps per-province official counts that sum to the official total', async () => {
    for (const id of ['mohurd-2016-batch1', 'mohurd-2017-batch2']) {
      const detail = ListDetailSchema.parse((await getJson(`/api/v1/lists/${id}`)).body);
      expect(detail.province_counts.reduce((n, p) => n + p.official_count, 0)).toBe(detail.official_count);
      expect(detail.province_counts.reduce((n, p) => n + p.town_count, 0)).toBe(detail.town_count);
    }
  });

  it('reproduces the official per-province counts wherever a province is complete, and shows the gap elsewhere', async () => {
    for (const id of ['mohurd-2016-batch1', 'mohurd-2017-batch2']) {
      const detail = ListDetailSchema.parse((await getJson(`/api/v1/lists/${id}`)).body);
      const stats = StatsSchema.parse((await getJson(`/api/v1/stats?group_by=province&list=${id}`)).body);
      for (const province of detail.province_counts) {
        const group = stats.groups.find((g) => g.key === province.province);
        expect(group, province.province).toBeDefined();
        expect(group!.official_count).toBe(province.official_count);
        expect(group!.memberships).toBe(province.town_count);
        expect(group!.missing).toBe(province.missing);
      }
    }
  });

  it('answers 404 problem+json for an unknown list', async () => {
    const { res, body } = await getParsed(ProblemSchema, '/api/v1/lists/no-such-list');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(body).toMatchObject({ type: 'urn:tesexiaozhen:problem:list-not-found', status: 404 });
    expect((await getParsed(ProblemSchema, '/api/v1/lists/no-such-list/towns')).res.status).toBe(404);
  });

  it('filters the towns of a list like /towns does', async () => {
    const { body } = await getParsed(TownPageSchema, '/api/v1/lists/mohurd-2016-batch1/towns?province=北京市&limit=500');
    expect(body.items.length).toBeGreaterThan(0);
    for (const t of body.items) {
      expect(t.province).toBe('北京市');
      expect(t.memberships.some((m: { list_id: string }) => m.list_id === 'mohurd-2016-batch1')).toBe(true);
    }
    expect((await getParsed(ProblemSchema, '/api/v1/lists/mohurd-2016-batch1/towns?list=x')).res.status).toBe(400);
  });
});
