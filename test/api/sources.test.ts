import { describe, expect, it } from 'vitest';
import { ListPageSchema } from '../../worker/schemas/lists.ts';
import { FigurePageSchema, SourcePageSchema } from '../../worker/schemas/sources.ts';
import { getJson, getParsed } from '../helpers.ts';

describe('GET /api/v1/sources', () => {
  it('lists the documents, including the 2016 notice with its number', async () => {
    const page = SourcePageSchema.parse((await getJson('/api/v1/sources')).body);
    expect(page.total).toBe(page.items.length);
    expect(page.items).toContainEqual(expect.objectContaining({ document_number: '建村〔2016〕221号' }));
    expect(new Set(page.items.map((s) => s.id)).size).toBe(page.items.length);
  });

  it('holds every document a list cites', async () => {
    const sources = SourcePageSchema.parse((await getJson('/api/v1/sources')).body).items.map((s) => s.id);
    const { body } = await getParsed(ListPageSchema, '/api/v1/lists');
    for (const list of body.items) if (list.source) expect(sources).toContain(list.source.id);
  });
});

describe('GET /api/v1/reported-figures', () => {
  it('gives figures reported without names, each with its source or source URLs', async () => {
    const page = FigurePageSchema.parse((await getJson('/api/v1/reported-figures')).body);
    expect(page.items.length).toBeGreaterThan(0);
    for (const f of page.items) expect(f.source !== null || f.source_urls.length > 0).toBe(true);
    expect(page.items.find((f) => f.list_id === 'mohurd-2016-batch1')?.count).toBe(127);
  });
});
