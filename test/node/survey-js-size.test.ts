import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// survey.js only enhances the questionnaire and must stay light (README: under 3 KB gzip), including what it
// learned for the enterprise code: sending it as enterprise_code and keeping it out of the browser's storage.
describe('web/public/survey.js', () => {
  const source = readFileSync(join(import.meta.dirname, '..', '..', 'web', 'public', 'survey.js'));
  it('is under 3 KB gzipped', () => {
    expect(gzipSync(source, { level: 9 }).length).toBeLessThan(3 * 1024);
    expect(gzipSync(source).length).toBeLessThan(3 * 1024);
  });
  it('sends the enterprise code in the JSON body and never saves it', () => {
    const text = source.toString('utf8');
    expect(text).toContain('body.enterprise_code = ec');
    expect(text).toMatch(/\^\(website\|enterprise_code\)\$/);
  });
});
