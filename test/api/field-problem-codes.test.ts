import { describe, expect, it } from 'vitest';
import { FIELD_PROBLEM_CODES } from '../../worker/errors.ts';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { ListPageSchema } from '../../worker/schemas/lists.ts';
import { SourcePageSchema } from '../../worker/schemas/sources.ts';
import { adminHeaders, fullAnswers, get, getParsed, KNOWN_TOWN, request, submit } from '../helpers.ts';

/**
 * Every field problem carries a code from FIELD_PROBLEM_CODES, whichever layer found it: request validation,
 * a service checking a reference, a cursor, the stored waves. A client (the site first) words the problem from
 * the code alone, so one producer forgetting it would leave that client with English `detail` only.
 */
/** A list and a source document of the loaded data, for writes whose only fault is elsewhere. */
const aList = async () => (await getParsed(ListPageSchema, '/api/v1/lists')).body.items[0]!.id;
const aSource = async () => (await getParsed(SourcePageSchema, '/api/v1/sources')).body.items[0]!.id;

const cases: [string, () => Promise<Response>, string, string][] = [
  [
    'an admin write naming an unknown source',
    () =>
      request('POST', '/api/v1/admin/lists', {
        headers: adminHeaders('editor', { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ id: 'test-codes', name: 'x', name_en: 'x', level: 'national', kind: 'named', source_id: 'doc-nope' }),
      }),
    'source_id',
    'not-found',
  ],
  [
    'a survey answer for an unknown town',
    async () => submit('public', { town_id: 'nowhere-town', answers: await fullAnswers('public'), consent: { participation: true } }),
    'town_id',
    'not-found',
  ],
  [
    'a survey answer without consent',
    async () => submit('public', { town_id: KNOWN_TOWN, answers: await fullAnswers('public'), consent: { participation: false } }),
    'consent.participation',
    'required',
  ],
  [
    'an event naming an unknown town',
    async () =>
      request('POST', '/api/v1/admin/events', {
        headers: adminHeaders('editor', { 'Content-Type': 'application/json' }),
        body: JSON.stringify({
          town_id: 'no-such-town',
          list_id: await aList(),
          status: 'named',
          effective_date: '2026-06-30',
          source_id: await aSource(),
        }),
      }),
    'town_id',
    'not-found',
  ],
  [
    // A real run of an import with problems is refused whole; each problem of the report becomes a field problem.
    'an import naming an unknown town',
    async () =>
      request('POST', '/api/v1/admin/imports', {
        headers: adminHeaders('editor', { 'Content-Type': 'text/csv; charset=utf-8' }),
        body: `town,list,status,effective_date,document\n无此镇,${await aList()},named,2026-06-30,${await aSource()}\n`,
      }),
    'row 2: town',
    'not-found',
  ],
  ['an unknown list filter', () => get('/api/v1/towns?list=no-such-list'), 'list', 'not-found'],
  ['an unknown wave filter', () => get('/api/v1/satisfaction?group_by=province&wave=no-such-wave'), 'wave', 'not-found'],
  ['a bad cursor', () => get('/api/v1/towns?cursor=not-a-cursor'), 'cursor', 'invalid'],
  ['an oversized query', () => get(`/api/v1/towns?q=${'x'.repeat(51)}`), 'q', 'too-big'],
  ['a query parameter that is not a number', () => get('/api/v1/towns?limit=abc'), 'limit', 'invalid'],
  ['an undocumented query parameter', () => get('/api/v1/towns?colour=red'), 'colour', 'unknown'],
];

describe('field problem codes', () => {
  it.each(cases)('%s: every errors[] item has a code, and the body is a Problem', async (_, send, name, code) => {
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = await res.json<{ errors?: { name: string; code?: string }[] }>();
    expect(ProblemSchema.safeParse(body).success).toBe(true);
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const problem of body.errors!) expect(FIELD_PROBLEM_CODES).toContain(problem.code);
    expect(body.errors).toContainEqual(expect.objectContaining({ name, code }));
  });
});
