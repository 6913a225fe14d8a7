import type { FieldProblem, FieldProblemCode } from '../../errors.ts';
import type { Question, SurveyDefinition } from '../../schemas/survey-definition.ts';

export type AnswerValue = number | string | string[];

/** An answer as stored: one row per value ("3", "na", an option id, the text). */
export interface NormalizedAnswer {
  question: Question;
  values: string[];
}

/** A problem with the answer to one question: its kind for the site to word, and the English detail for developers. */
function problem(id: string, code: FieldProblemCode, detail: string): FieldProblem {
  return { name: `answers.${id}`, in: 'body', code, detail };
}

function check(question: Question, value: AnswerValue): string[] | FieldProblem {
  switch (question.type) {
    case 'likert':
      if (value === 'na') return question.allow_na ? ['na'] : problem(question.id, 'invalid', '"na" is not allowed for this question');
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > question.scale) {
        return problem(question.id, 'invalid', `Must be a whole number from 1 to ${question.scale}${question.allow_na ? ', or "na"' : ''}`);
      }
      return [String(value)];
    case 'nps':
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 10)
        return problem(question.id, 'invalid', 'Must be a whole number from 0 to 10');
      return [String(value)];
    case 'single':
      if (typeof value !== 'string' || !question.options.some((o) => o.id === value)) {
        return problem(question.id, 'invalid', `Must be one of: ${question.options.map((o) => o.id).join(', ')}`);
      }
      return [value];
    case 'multi': {
      if (!Array.isArray(value) || value.length === 0) return problem(question.id, 'invalid', 'Must be a non-empty array of option ids');
      const unknown = value.filter((v) => !question.options.some((o) => o.id === v));
      if (unknown.length) return problem(question.id, 'unknown', `Unknown options: ${unknown.join(', ')}`);
      if (new Set(value).size !== value.length) return problem(question.id, 'duplicate', 'An option is chosen twice');
      if (question.max_choices && value.length > question.max_choices)
        return problem(question.id, 'too-big', `At most ${question.max_choices} options`);
      return [...value].sort();
    }
    case 'text': {
      if (typeof value !== 'string') return problem(question.id, 'invalid', 'Must be text');
      const text = value.trim();
      if ([...text].length > question.max_length) return problem(question.id, 'too-big', `At most ${question.max_length} characters`);
      return text ? [text] : [];
    }
  }
}

/**
 * Checks every answer against the questionnaire version: unknown questions,
 * types, ranges and required items. Returns every problem at once, so a
 * respondent fixes them all in one go.
 */
export function validateAnswers(
  definition: SurveyDefinition,
  answers: Record<string, AnswerValue>,
): { answers: NormalizedAnswer[]; problems: FieldProblem[] } {
  const questions = definition.sections.flatMap((s) => s.questions);
  // Own keys only, `__proto__`, `constructor` and `toString` included: each is an unknown question, never a lookup into Object.prototype.
  const problems: FieldProblem[] = Object.keys(answers)
    .filter((id) => !questions.some((q) => q.id === id))
    .map((id) => problem(id, 'unknown', 'No such question in this questionnaire'));
  const normalized: NormalizedAnswer[] = [];
  for (const question of questions) {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (value === undefined || value === null || value === '') {
      if (question.required) problems.push(problem(question.id, 'required', 'This question requires an answer'));
      continue;
    }
    const result = check(question, value);
    if (Array.isArray(result)) {
      if (result.length) normalized.push({ question, values: result });
      else if (question.required) problems.push(problem(question.id, 'required', 'This question requires an answer'));
    } else {
      problems.push(result);
    }
  }
  return { answers: normalized, problems };
}
