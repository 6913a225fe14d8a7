import { describe, expect, it } from 'vitest';
import enterpriseV1 from '../../data/surveys/enterprise-v1.json';
import publicV1 from '../../data/surveys/public-v1.json';
import { FUNCTION_IDS, SurveyDefinitionSchema } from '../../worker/schemas/survey-definition.ts';

const L = (zh: string, en: string) => ({ zh, en });
const likert = (id: string, dimension: string) => ({
  id,
  type: 'likert',
  scale: 5,
  required: true,
  allow_na: false,
  dimension,
  text: L('题', 'Question'),
  labels: { low: L('低', 'Low'), high: L('高', 'High') },
});

/** A minimal questionnaire with the given dimensions, each scored by one likert question. */
function definition(dimensions: Record<string, unknown>[]) {
  return {
    id: 'enterprise',
    version: 9,
    audience: 'enterprise',
    title: L('标题', 'Title'),
    description: L('说明', 'About'),
    opens_at: null,
    closes_at: null,
    dimensions,
    sections: [{ id: 's', title: L('部分', 'Part'), questions: dimensions.map((d, i) => likert(`q${i}`, d.id as string)) }],
  };
}
const messages = (raw: unknown) => {
  const r = SurveyDefinitionSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

const planning = {
  id: 'planning',
  label: L('总体规划', 'Overall planning'),
  kind: 'satisfaction',
  function: 'planning',
  definition: L('定义。', 'Definition.'),
};
const planningImportance = {
  id: 'planning_importance',
  label: L('总体规划的重要性', 'Importance of overall planning'),
  kind: 'importance',
  function: 'planning',
};

describe('the questionnaire definition: dimensions with a kind, a function and a definition', () => {
  it('still accepts the shipped version-1 questionnaires, unchanged', () => {
    for (const raw of [enterpriseV1, publicV1]) {
      const parsed = SurveyDefinitionSchema.parse(raw);
      // Nothing is added on the way (no default written into a stored definition).
      expect(parsed).toEqual(raw);
    }
  });

  it('names the five functions of the study', () => {
    expect(FUNCTION_IDS).toEqual(['planning', 'policy_support', 'coordination', 'approval_services', 'supervision']);
  });

  it('accepts a function with its satisfaction and importance dimensions, and kind left out as satisfaction', () => {
    expect(messages(definition([planning, planningImportance]))).toEqual([]);
    expect(
      messages(definition([{ id: 'overall', label: L('总体', 'Overall') }, { ...planning, kind: undefined }, planningImportance])),
    ).toEqual([]);
  });

  it('refuses a dimension id used twice', () => {
    expect(messages(definition([planning, { ...planning, label: L('又一个', 'Again') }]))).toContain(
      'dimension id "planning" is used twice',
    );
  });

  it('refuses an importance dimension without a function, or whose function has no satisfaction dimension', () => {
    expect(messages(definition([planning, { ...planningImportance, function: undefined }]))).toContain(
      'importance dimension "planning_importance" must name its function',
    );
    const orphan = messages(definition([planning, { ...planningImportance, id: 'supervision_importance', function: 'supervision' }]));
    expect(orphan.join()).toMatch(/names function "supervision", which has no satisfaction dimension/);
    // A dimension with the function's id that does not say it measures the function is not enough.
    const undeclared = messages(definition([{ id: 'planning', label: L('总体规划', 'Overall planning') }, planningImportance]));
    expect(undeclared.join()).toMatch(/which has no satisfaction dimension/);
  });

  it('refuses a second importance dimension for one function', () => {
    expect(messages(definition([planning, planningImportance, { ...planningImportance, id: 'planning_importance_2' }]))).toContain(
      'function "planning" has more than one importance dimension',
    );
  });

  it('refuses a satisfaction dimension named after another function, and an unknown function', () => {
    expect(messages(definition([{ ...planning, id: 'plan', function: 'planning' }])).join()).toMatch(/its id must be the function's id/);
    expect(messages(definition([{ ...planning, function: 'social_guidance' }]))).not.toEqual([]);
    expect(messages(definition([{ ...planning, kind: 'urgency' }]))).not.toEqual([]);
  });

  it('refuses a definition that is not bilingual', () => {
    expect(messages(definition([{ ...planning, definition: { zh: '只有中文' } }]))).not.toEqual([]);
  });
});
