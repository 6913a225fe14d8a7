import type { Widen } from '../index.ts';
import type { resultsZh } from '../zh/results.ts';

/** The satisfaction results of the town and statistics pages, and the importance–performance chart; English. */
export const resultsEn: Widen<typeof resultsZh> = {
  results: {
    surveys: { public: 'Residents and visitors', enterprise: 'Enterprises' },
    status: { scheduled: 'not started yet', open: 'open', closed: 'closed' },
    publication: {
      after_close: 'results are published once the wave has closed',
      live_in_steps: 'results are updated at every 10th response of a town',
    },
    windowFrom: 'Open from {opens}',
    windowFromTo: 'Open from {opens} to {closes}',
    beijing: '{d} {month} {y}, {time} Beijing time',
    responses: 'The published results are of {n} responses',
    notPublished: 'This wave’s results are published once it closes, on {closes}.',
    notPublishedNoEnd: 'This wave’s results are published once it closes; its closing date is not set yet.',
    suppressed: 'Fewer than {min} responses are published for this wave, so no results are shown: no respondent can be singled out.',
    smallSample: 'Small sample (fewer than 30 responses): read with care.',
    duplicates:
      'Probable duplicates (exactly the same answers about the same town from the same network on the same day) left out: {percent}% of the responses received.',
    onePerEnterprise:
      'One answer per enterprise, town and wave is counted (checked by the unified social credit code, which is never stored).',
    caption: '{survey}, {wave}: score by dimension',
    dimension: 'Dimension',
    score: 'Score (0–100)',
    interval: '95% confidence interval',
    previous: 'Previous wave',
    change: 'Change',
    beyond: '(beyond the intervals)',
    within: '(intervals overlap)',
    separator: '; ',
    notPublishedDimension: 'too few answers, not published',
    previousNote:
      '“Previous wave” is {wave}. “Beyond the intervals”: the two waves’ 95% confidence intervals do not overlap, so sampling alone hardly explains the change; a change whose intervals overlap may be chance.',
    nps: 'Net Promoter Score (NPS): {score} ({n} answers)',
    npsShares: 'Promoters {promoters}%, passives {passives}%, detractors {detractors}%.',
    ipaCaption: '{survey}, {wave}: importance–performance analysis',
    ipaExplain:
      'The quadrants split at the grand means of importance and satisfaction: “Concentrate here” is important but below par (act here first); “Keep up the good work” is important and done well; “Low priority” matters less and is below par; “Possible overkill” is done well but matters less.',
    methodology: 'How it is computed: methodology',
  },
  ipa: {
    caption: 'Importance–performance analysis',
    title: 'Importance (vertical) and satisfaction (horizontal) of each function',
    desc: 'Scatter plot: each point is a function, satisfaction across and importance up ({from}–{to}); dashed lines at the grand means (satisfaction {satisfaction}, importance {importance}) divide it into four quadrants. {summary}The table below gives the same numbers.',
    xAxis: 'Satisfaction',
    yAxis: 'Importance',
    grandMean: 'Grand mean',
    function: 'Function',
    importance: 'Importance',
    importanceInterval: 'Importance, 95% interval',
    satisfaction: 'Satisfaction',
    satisfactionInterval: 'Satisfaction, 95% interval',
    gap: 'Gap (importance − satisfaction)',
    quadrant: 'Quadrant',
    quadrants: {
      concentrate: 'Concentrate here',
      'keep-up': 'Keep up the good work',
      'low-priority': 'Low priority',
      overkill: 'Possible overkill',
    },
    inQuadrant: '{quadrant}: {functions}. ',
    notPlotted: 'Not plotted, too few answers: {functions}. ',
    noData: 'Too few answers for an importance–performance analysis yet.',
    listSeparator: ', ',
  },
};
