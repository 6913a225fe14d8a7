import { describe, expect, it } from 'vitest';
import { FIELD_PROBLEM_CODES } from '../../worker/errors.ts';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { adminHeaders, fullAnswers, get, KNOWN_TOWN, request, submit } from '../helpers.ts';

/**
 * Every field problem carries a code from FIELD_PROBLEM_CODES, whichever layer found it: request validation,
 * a service checking a reference, a cursor, the stored waves. A client (the site first) words the problem from
 * the code alone, so one producer forgetting it would leave that client with English `detail` only.
 */
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
