import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../scripts/local-server.ts';
import { answersTo } from '../survey-answers.ts';

// Issue 15, "Freshness model", across isolates: the built worker runs as two instances (two isolates, each with its
// own copy of the versions and of responses) over one D1, with the deployed default FRESHNESS_SECONDS (1). A write
// through one must be seen by the other within N seconds, and the other never answers at an older version after a
// newer one.

const N_MS = 1000;
/** Time for a poll's own round trip and the machine being busy (two cores, shared). */
const SLACK_MS = 400;
const ADMIN = { Authorization: 'Bearer local-server-token', 'Content-Type': 'application/json' };

/** The versions an ETag was made at: `"<data>[.<results>]-<hash>"`. */
function versionsOf(etag: string): { data: number; results: string | null } {
  const m = /^"(\d+)(?:\.([^"]+))?-[0-9a-f]+"$/.exec(etag);
  if (!m) throw new Error(`not an ETag of a public read: ${etag}`);
  return { data: Number(m[1]), results: m[2] ?? null };
}

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ instances: 2 });
});
afterAll(() => server?.dispose());

/** Reads `path` from instance 1 every 25 ms until `seen` holds, recording each answer's ETag; `ms` counts from `started` (the write's end). */
async function pollUntil(path: string, started: number, seen: (body: any, etag: string) => boolean) {
  const etags: string[] = [];
  for (;;) {
    const res = await server.fetchInstance(1, path);
    expect(res.status).toBe(200);
    const body = await res.json();
    const etag = res.headers.get('ETag')!;
    etags.push(etag);
    if (seen(body, etag)) return { etags, ms: performance.now() - started };
    if (performance.now() - started > 5000) throw new Error(`not seen within 5 s; ETags ${etags.join(' ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('freshness across isolates', () => {
  it('an admin write through one instance is read by the other within N seconds, and never undone', async () => {
    const lists = (await (await server.fetchInstance(0, '/api/v1/lists')).json()) as any;
    const id: string = lists.items[0].id;
    const path = `/api/v1/lists/${encodeURIComponent(id)}`;
    // Both instances warm, so instance 1 answers from its copy of the versions.
    const before = await server.fetchInstance(1, path);
    const beforeVersion = versionsOf(before.headers.get('ETag')!).data;
    await server.fetchInstance(0, path);

    const note = `freshness across isolates ${Date.now()}`;
    const write = await server.fetchInstance(0, `/api/v1/admin/lists/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: ADMIN,
      body: JSON.stringify({ note }),
    });
    expect(write.status).toBe(200);
    const wroteAt = performance.now();
    // The writer's own instance reads it at once.
    expect(((await (await server.fetchInstance(0, path)).json()) as any).note).toBe(note);

    const { etags, ms } = await pollUntil(path, wroteAt, (body) => body.note === note);
    expect(ms).toBeLessThanOrEqual(N_MS + SLACK_MS);
    const versions = etags.map((e) => versionsOf(e).data);
    expect(versions.at(-1)).toBeGreaterThan(beforeVersion);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThanOrEqual(versions[i - 1]!);
    // Still there a while later: a version once served is never followed by an older one.
    await new Promise((resolve) => setTimeout(resolve, N_MS));
    const later = await server.fetchInstance(1, path);
    expect(versionsOf(later.headers.get('ETag')!).data).toBeGreaterThanOrEqual(versions.at(-1)!);

    // A second write: the other instance, sent the writer's bookmark, reads it at once, without waiting for N.
    const again = await server.fetchInstance(0, `/api/v1/admin/lists/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: ADMIN,
      body: JSON.stringify({ note: `${note} again` }),
    });
    expect(again.status).toBe(200);
    const bookmark = again.headers.get('x-d1-bookmark');
    expect(bookmark).toBeTruthy();
    expect(((await (await server.fetchInstance(1, path, { headers: { 'x-d1-bookmark': bookmark! } })).json()) as any).note).toBe(
      `${note} again`,
    );
  });

  it('a survey submission through one instance moves the results the other serves within N seconds', async () => {
    const town = 'beijing-changgouzhen';
    const path = `/api/v1/towns/${town}/satisfaction`;
    const before = (await server.fetchInstance(1, path)).headers.get('ETag')!;
    const survey = (await (await server.fetchInstance(0, '/api/v1/surveys/public')).json()) as any;
    const answers = answersTo(survey);
    const res = await server.fetchInstance(0, '/api/v1/surveys/public/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '203.0.113.9', 'Idempotency-Key': `freshness-${Date.now()}` },
      body: JSON.stringify({ town_id: town, answers, consent: { participation: true } }),
    });
    expect(res.status).toBe(201);
    const { etags, ms } = await pollUntil(path, performance.now(), (_, etag) => etag !== before);
    expect(ms).toBeLessThanOrEqual(N_MS + SLACK_MS);
    // Once the new results are served, the old ones never come back.
    const after = etags.at(-1)!;
    for (let i = 0; i < 10; i++) {
      expect((await server.fetchInstance(1, path)).headers.get('ETag')).toBe(after);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(versionsOf(after).data).toBeGreaterThanOrEqual(versionsOf(before).data);
  });
});
