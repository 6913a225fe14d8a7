import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../scripts/local-server.ts';

/** Headers every response must carry, whether the worker or the static-asset router answers. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'strict-transport-security',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
];

// Static assets are served before the worker runs, so only the built worker with its asset router shows their headers.
describe('static assets', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(() => server?.dispose());

  it('carry the same security headers as the pages the worker renders', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    for (const asset of ['/site.css', '/survey.js', '/favicon.svg']) {
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status, asset).toBe(200);
      for (const name of SECURITY_HEADERS) {
        expect(res.headers.get(name), `${asset} ${name}`).toBe(page.headers.get(name));
      }
      expect(res.headers.get('x-content-type-options'), asset).toBe('nosniff');
    }
  });

  it('do not publish the headers file itself', async () => {
    expect((await fetch(`${server.url}/_headers`)).status).toBe(404);
  });
});
