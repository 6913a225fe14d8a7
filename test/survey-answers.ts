/**
 * Answers to every question of a survey definition (GET /api/v1/surveys/{id}): 4 on every scale, 8 to recommend,
 * the first option elsewhere. Plain data, so that worker tests (helpers.ts) and node tests share it.
 */
export function answersTo(survey: { sections: { questions: any[] }[] }): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const section of survey.sections) {
    for (const q of section.questions) {
      if (q.type === 'likert') answers[q.id] = 4;
      else if (q.type === 'nps') answers[q.id] = 8;
      else if (q.type === 'single') answers[q.id] = q.options[0].id;
      else if (q.type === 'multi') answers[q.id] = [q.options[0].id];
      else if (q.type === 'text') answers[q.id] = '测试意见 test comment';
    }
  }
  return answers;
}
