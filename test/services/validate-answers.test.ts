import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../worker/errors.ts';
import type { Question, SurveyDefinition } from '../../worker/schemas/survey-definition.ts';
import { type AnswerValue, validateAnswers } from '../../worker/services/surveys/validate-answers.ts';

const text = (en: string) => ({ zh: en, en });
const labels = { low: text('low'), high: text('high') };
const options = [
  { id: 'a', label: text('A') },
  { id: 'b', label: text('B') },
  { id: 'c', label: text('C') },
];

// One question of each type; only `sat` and `nps` are required.
const QUESTIONS: Question[] = [
  { id: 'sat', type: 'likert', text: text('Satisfied?'), required: true, dimension: 'overall', scale: 5, labels, allow_na: false },
  {
    id: 'sat_na',
    type: 'likert',
    text: text('Satisfied, if you know?'),
    required: false,
    dimension: 'overall',
    scale: 5,
    labels,
    allow_na: true,
  },
  { id: 'nps', type: 'nps', text: text('Recommend?'), required: true, dimension: null, labels },
  { id: 'role', type: 'single', text: text('Who are you?'), required: false, dimension: null, options },
  { id: 'uses', type: 'multi', text: text('What do you use?'), required: false, dimension: null, options, max_choices: 2 },
  { id: 'comment', type: 'text', text: text('Anything else?'), required: false, dimension: null, max_length: 5 },
];

const DEFINITION: SurveyDefinition = {
  id: 'unit',
  version: 1,
  audience: 'public',
  title: text('Unit test questionnaire'),
  description: text('Every question type once'),
  opens_at: null,
  closes_at: null,
  dimensions: [{ id: 'overall', label: text('Overall') }],
  sections: [{ id: 'only', title: text('Only section'), questions: QUESTIONS }],
};

/** The required answers, valid, with `extra` on top. */
const answered = (extra: Record<string, AnswerValue> = {}) => ({ sat: 4, nps: 9, ...extra });

/** The one problem of the answers: its field, where, and its code (the English detail is for developers and not pinned here). */
function onlyProblem(answers: Record<string, AnswerValue>): Omit<FieldProblem, 'detail'> {
  const { problems } = validateAnswers(DEFINITION, answers);
  expect(problems).toHaveLength(1);
  const { detail, ...rest } = problems[0]!;
  expect(detail).toEqual(expect.any(String));
  return rest;
}

describe('validateAnswers: one code per kind of problem, on the field of the question', () => {
  it('accepts valid answers and normalizes them (numbers as text, options sorted, text trimmed, an empty optional text dropped)', () => {
    const { answers, problems } = validateAnswers(DEFINITION, answered({ sat_na: 'na', role: 'b', uses: ['c', 'a'], comment: ' hi ' }));
    expect(problems).toEqual([]);
    expect(answers.map((a) => [a.question.id, a.values])).toEqual([
      ['sat', ['4']],
      ['sat_na', ['na']],
      ['nps', ['9']],
      ['role', ['b']],
      ['uses', ['a', 'c']],
      ['comment', ['hi']],
    ]);
    expect(validateAnswers(DEFINITION, answered({ comment: '   ' })).answers.map((a) => a.question.id)).toEqual(['sat', 'nps']);
  });

  it('required: a required question left out, empty, or only blank text', () => {
    expect(onlyProblem({ nps: 9 })).toEqual({ name: 'answers.sat', in: 'body', code: 'required' });
    expect(onlyProblem({ sat: 4, nps: '' })).toEqual({ name: 'answers.nps', in: 'body', code: 'required' });
    const blank: Question = { id: 'why', type: 'text', text: text('Why?'), required: true, dimension: null, max_length: 100 };
    const withText = { ...DEFINITION, sections: [{ id: 'only', title: text('Only'), questions: [blank] }] };
    expect(validateAnswers(withText, { why: '  ' }).problems).toEqual([expect.objectContaining({ name: 'answers.why', code: 'required' })]);
  });

  it.each<[string, Record<string, AnswerValue>, string]>([
    ['"na" where it is not allowed', { sat: 'na' }, 'answers.sat'],
    ['a likert score outside the scale', { sat: 6 }, 'answers.sat'],
    ['a likert score that is not a whole number', { sat: 2.5 }, 'answers.sat'],
    ['an NPS outside 0–10', { nps: 11 }, 'answers.nps'],
    ['a single choice that is not an option', { role: 'z' }, 'answers.role'],
    ['a single choice that is not text', { role: 1 }, 'answers.role'],
    ['a multiple choice that is not an array', { uses: 'a' }, 'answers.uses'],
    ['an empty multiple choice', { uses: [] }, 'answers.uses'],
    ['a text answer that is not text', { comment: 3 }, 'answers.comment'],
  ])('invalid: %s', (_, answers, name) => {
    expect(onlyProblem(answered(answers))).toEqual({ name, in: 'body', code: 'invalid' });
  });

  it('unknown: a question the questionnaire does not ask, an own key named like a prototype member included', () => {
    expect(onlyProblem(answered({ q99: 1 }))).toEqual({ name: 'answers.q99', in: 'body', code: 'unknown' });
    expect(onlyProblem(answered(JSON.parse('{"constructor": 1}') as Record<string, AnswerValue>))).toEqual({
      name: 'answers.constructor',
      in: 'body',
      code: 'unknown',
    });
  });

  it('unknown: an option the question does not offer', () => {
    expect(onlyProblem(answered({ uses: ['a', 'z'] }))).toEqual({ name: 'answers.uses', in: 'body', code: 'unknown' });
  });

  it('duplicate: an option chosen twice', () => {
    expect(onlyProblem(answered({ uses: ['a', 'a'] }))).toEqual({ name: 'answers.uses', in: 'body', code: 'duplicate' });
  });

  it('too-big: more options than the question allows, or a longer text', () => {
    expect(onlyProblem(answered({ uses: ['a', 'b', 'c'] }))).toEqual({ name: 'answers.uses', in: 'body', code: 'too-big' });
    // Counted in characters as a person sees them: five Chinese characters fit, six do not.
    expect(validateAnswers(DEFINITION, answered({ comment: '特色小镇好' })).problems).toEqual([]);
    expect(onlyProblem(answered({ comment: '特色小镇很好' }))).toEqual({ name: 'answers.comment', in: 'body', code: 'too-big' });
  });

  it('reports every problem at once, each with its own code', () => {
    const { problems } = validateAnswers(DEFINITION, { nps: 12, uses: ['a', 'a'], q99: 'x' });
    expect(problems.map((p) => [p.name, p.code])).toEqual([
      ['answers.q99', 'unknown'],
      ['answers.sat', 'required'],
      ['answers.nps', 'invalid'],
      ['answers.uses', 'duplicate'],
    ]);
  });
});
