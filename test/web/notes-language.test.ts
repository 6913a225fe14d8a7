import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { escaped, page } from './site-helpers.ts';

/** A town of the data named only at the public notice (公示), with a translated note on that list. */
async function publicNoticeTown() {
  return (await env.DB.prepare(
    "SELECT town_id, note, note_zh, source_stage_date FROM memberships WHERE source_stage = 'public-notice' AND note IS NOT NULL AND note_zh IS NOT NULL ORDER BY town_id LIMIT 1",
  ).first<{ town_id: string; note: string; note_zh: string; source_stage_date: string }>())!;
}

describe('notes in the page’s language', () => {
  it('shows the Chinese note on a Chinese town page and the English one on the English page, with the source stage', async () => {
    const m = await publicNoticeTown();
    const zh = await page(`/towns/${m.town_id}?lang=zh`);
    expect(zh).toContain(`<p>${escaped(m.note_zh)}</p>`);
    expect(zh).not.toContain(escaped(m.note));
    expect(zh).toContain(`公示阶段 (${m.source_stage_date})`);
    const en = await page(`/towns/${m.town_id}?lang=en`);
    expect(en).toContain(`<p>${escaped(m.note)}</p>`);
    expect(en).not.toContain(escaped(m.note_zh));
    expect(en).toContain(`public-notice stage (${m.source_stage_date})`);
  });

  it('shows a list’s note in the page’s language', async () => {
    const list = (await env.DB.prepare("SELECT id, note, note_zh FROM lists WHERE id = 'mohurd-2017-batch2'").first<{
      id: string;
      note: string;
      note_zh: string;
    }>())!;
    expect(list.note_zh).toMatch(/建村〔2017〕178号/);
    const zh = await page(`/lists/${list.id}?lang=zh`);
    expect(zh).toContain(`<dd>${escaped(list.note_zh)}</dd>`);
    expect(zh).not.toContain(escaped(list.note));
    const en = await page(`/lists/${list.id}?lang=en`);
    expect(en).toContain(`<dd>${escaped(list.note)}</dd>`);
  });

  it('falls back to the other language and says which one it is', async () => {
    const events = await env.DB.prepare(
      'SELECT id, town_id, note, note_zh FROM status_events WHERE note IS NOT NULL AND note_zh IS NOT NULL AND note <> note_zh ORDER BY id LIMIT 2',
    ).all<{ id: number; town_id: string; note: string; note_zh: string }>();
    const [noChinese, noEnglish] = events.results;
    // One event loses its translation, the other its English note.
    await env.DB.batch([
      env.DB.prepare('UPDATE status_events SET note_zh = NULL WHERE id = ?').bind(noChinese!.id),
      env.DB.prepare('UPDATE status_events SET note = NULL WHERE id = ?').bind(noEnglish!.id),
    ]);
    const zh = await page(`/towns/${noChinese!.town_id}?lang=zh`);
    expect(zh).toContain(`<p class="small" lang="en">${escaped(noChinese!.note)}</p>`);
    const en = await page(`/towns/${noEnglish!.town_id}?lang=en`);
    expect(en).toContain(`<p class="small" lang="zh-CN">${escaped(noEnglish!.note_zh)}</p>`);
    // The page's own language needs no tag.
    const zhOfSecond = await page(`/towns/${noEnglish!.town_id}?lang=zh`);
    expect(zhOfSecond).toContain(`<p class="small">${escaped(noEnglish!.note_zh)}</p>`);
  });
});
