import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../worker/schemas/common.ts';
import { SurveyListSchema, SurveySchema } from '../../worker/schemas/surveys.ts';
import { getJson, getParsed } from '../helpers.ts';

describe('GET /api/v1/surveys', () => {
  it('lists the public and the enterprise questionnaire, open now', async () => {
    const { res, body } = await getJson('/api/v1/surveys');
    expect(res.status).toBe(200);
    const list = SurveyListSchema.parse(body);
    expect(list.items.map((s) => s.audience).sort()).toEqual(['enterprise', 'public']);
    for (const s of list.items) expect(s.window.open).toBe(true);
  });

  it.each(['public', 'enterprise'])(
    'serves the %s questionnaire in Chinese and English, every rated question scoring a dimension',
    async (id) => {
      const survey = SurveySchema.parse((await getJson(`/api/v1/surveys/${id}`)).body);
      const questions = survey.sections.flatMap((s) => s.questions);
      expect(questions.some((q) => q.type === 'nps')).toBe(true);
      for (const q of questions) {
        expect(q.text.zh.length).toBeGreaterThan(0);
        expect(q.text.en.length).toBeGreaterThan(0);
        if (q.type === 'likert') {
          expect(q.scale).toBe(5);
          expect(survey.dimensions.map((d) => d.id)).toContain(q.dimension);
        }
      }
      // A handful of items per satisfaction dimension (overall is one item; an importance dimension asks one question per function).
      for (const d of survey.dimensions.filter((d) => d.id !== 'overall' && d.kind !== 'importance')) {
        expect(questions.filter((q) => q.dimension === d.id).length, d.id).toBeGreaterThanOrEqual(2);
      }
    },
  );

  it('asks enterprises for industry, size band and years in the town, and for no name', async () => {
    const survey = SurveySchema.parse((await getJson('/api/v1/surveys/enterprise')).body);
    const ids = survey.sections.flatMap((s) => s.questions.map((q) => q.id));
    expect(ids).toEqual(expect.arrayContaining(['industry', 'size', 'years_in_town']));
    expect(ids.some((id) => /name|company|phone/.test(id))).toBe(false);
    expect(survey.dimensions.map((d) => d.id)).toEqual(
      expect.arrayContaining(['planning', 'policy_support', 'coordination', 'approval_services', 'supervision']),
    );
  });

  it('answers 404 for an unknown survey', async () => {
    const { res, body } = await getParsed(ProblemSchema, '/api/v1/surveys/nope');
    expect(res.status).toBe(404);
    expect(body.type).toBe('urn:tesexiaozhen:problem:survey-not-found');
  });
});
