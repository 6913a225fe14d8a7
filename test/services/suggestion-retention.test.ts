import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { CORRECTION, send } from '../suggestion-helpers.ts';

// The privacy notice promises that contact details of a suggestion nobody decides are not kept for ever:
// the hourly Cron Trigger deletes them 180 days after the suggestion was sent, as a decision would.
const row = (id: string) =>
  env.DB.prepare('SELECT contact, fingerprint, status FROM suggestions WHERE id = ?')
    .bind(id)
    .first<{ contact: string | null; fingerprint: string; status: string }>();
const contact = { contact: { name: '李四', phone: '13800000000' }, contact_consent: true };
const run = (at: number) => worker.scheduled(createScheduledController({ scheduledTime: at, cron: '0 * * * *' }), env);

describe('contact details of undecided suggestions are deleted after 180 days', () => {
  it('keeps them up to day 180, deletes them and their hash after, and leaves the suggestion itself', async () => {
    const old = await send({ ...CORRECTION, detail: '180天前的建议', ...contact });
    const recent = await send({ ...CORRECTION, detail: '最近的建议', ...contact });
    const sentAt = Date.UTC(2031, 0, 1, 12, 0);
    await env.DB.prepare('UPDATE suggestions SET submitted_at = ? WHERE id = ?').bind(new Date(sentAt).toISOString(), old).run();
    await env.DB.prepare('UPDATE suggestions SET submitted_at = ? WHERE id = ?')
      .bind(new Date(sentAt + 100 * 86_400_000).toISOString(), recent)
      .run();
    expect((await row(old))!.fingerprint).toContain('.');

    await run(sentAt + 180 * 86_400_000 - 3_600_000);
    expect((await row(old))!.contact, 'still within 180 days').not.toBeNull();

    await run(sentAt + 180 * 86_400_000 + 3_600_000);
    const after = (await row(old))!;
    expect(after.contact).toBeNull();
    expect(after.fingerprint, 'the contact part of the replay hash goes too').not.toContain('.');
    expect(after.status, 'the suggestion stays for staff to decide').toBe('received');
    expect((await row(recent))!.contact, 'a suggestion sent 100 days later keeps them').not.toBeNull();
  });
});
