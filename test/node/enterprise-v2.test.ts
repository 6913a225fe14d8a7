import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_IDS, type SurveyDefinition, SurveyDefinitionSchema } from '../../worker/schemas/survey-definition.ts';

/**
 * The enterprise questionnaire, version 2: v1's questions unchanged, its dimensions mapped to the five
 * functions of the Taiping Lake study, and for each function a satisfaction and an importance question.
 * Read from the draft until the waves load it (the loader reads only *.json), then from the file itself;
 * the draft is not committed, so a clean clone without either skips this file.
 */
const DIR = new URL('../../data/surveys/', import.meta.url);
const v2Path = ['enterprise-v2.json', 'enterprise-v2.json.draft'].map((f) => new URL(f, DIR)).find((u) => existsSync(u));
const read = (u: URL): SurveyDefinition => SurveyDefinitionSchema.parse(JSON.parse(readFileSync(u, 'utf8')));
const v1 = read(new URL('enterprise-v1.json', DIR));
const v2 = v2Path ? read(v2Path) : v1;
const questions = (d: SurveyDefinition) => d.sections.flatMap((s) => s.questions);
const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe.runIf(v2Path)('enterprise-v2', () => {
  it('is version 2 of the enterprise survey and validates', () => {
    expect([v2.id, v2.version, v2.audience]).toEqual(['enterprise', 2, 'enterprise']);
  });

  it('keeps every question of v1 with its id, wording and dimension, in the same sections', () => {
    for (const section of v1.sections) {
      const next = v2.sections.find((s) => s.id === section.id)!;
      expect(next, section.id).toBeTruthy();
      for (const q of section.questions) expect(next.questions.find((x) => x.id === q.id)).toEqual(q);
    }
    expect(v2.sections.map((s) => s.id)).toEqual(v1.sections.map((s) => s.id));
  });

  it('has one satisfaction dimension per function, with its id, a label and a definition in both languages', () => {
    const functions = v2.dimensions.filter((d) => d.kind === 'satisfaction' && d.function);
    expect(functions.map((d) => d.id)).toEqual([...FUNCTION_IDS]);
    expect(Object.fromEntries(functions.map((d) => [d.id, d.label.zh]))).toEqual({
      planning: '总体规划',
      policy_support: '社会引导',
      coordination: '组织协调',
      approval_services: '公共服务',
      supervision: '监督管理',
    });
    for (const d of functions) {
      expect(d.function).toBe(d.id);
      expect(hasHan(d.definition!.zh) && !hasHan(d.definition!.en), d.id).toBe(true);
      // One sentence each.
      expect(d.definition!.zh.match(/。/g)).toHaveLength(1);
      expect(d.definition!.en.match(/\.(\s|$)/g)).toHaveLength(1);
    }
  });

  it('asks, for each function, satisfaction (scoring the function) and importance (scoring its importance dimension), 1–5', () => {
    const byId = new Map(v2.dimensions.map((d) => [d.id, d]));
    for (const [fn, prefix] of [
      ['planning', 'plan'],
      ['policy_support', 'pol'],
      ['coordination', 'coo'],
      ['approval_services', 'app'],
      ['supervision', 'sup'],
    ] as const) {
      const section = v2.sections.find((s) => s.id === fn)!;
      const sat = section.questions.find((q) => q.id === `${prefix}_satisfaction`);
      const imp = section.questions.find((q) => q.id === `${prefix}_importance`);
      expect(sat).toMatchObject({ type: 'likert', scale: 5, required: true, dimension: fn });
      expect(imp).toMatchObject({ type: 'likert', scale: 5, required: true, dimension: `${fn}_importance` });
      expect(byId.get(`${fn}_importance`)).toMatchObject({ kind: 'importance', function: fn });
      expect(imp!.type === 'likert' && imp!.labels.high.zh).toBe('非常重要');
    }
  });

  it('keeps overall satisfaction, the recommendation and the comment, and asks for no enterprise code', () => {
    const ids = questions(v2).map((q) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['overall', 'recommend', 'comment']));
    expect(ids.filter((id) => /code|uscc|credit/.test(id))).toEqual([]);
    expect(ids.length).toBe(questions(v1).length + 10);
    expect(v2.dimensions.map((d) => d.id)).toContain('overall');
  });

  it('is bilingual throughout, Chinese first', () => {
    const texts: { zh: string; en: string }[] = [
      v2.title,
      v2.description,
      ...v2.dimensions.map((d) => d.label),
      ...v2.sections.map((s) => s.title),
      ...questions(v2).map((q) => q.text),
    ];
    for (const t of texts) {
      expect(Object.keys(t)).toEqual(['zh', 'en']);
      expect(hasHan(t.zh) && !hasHan(t.en), t.en).toBe(true);
    }
  });
});
