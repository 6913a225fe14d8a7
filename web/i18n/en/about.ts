import type { Widen } from '../index.ts';
import type { aboutZh } from '../zh/about.ts';

/** The accessibility statement and the methodology; English. */
export const aboutEn: Widen<typeof aboutZh> = {
  accessibility: {
    title: 'Accessibility statement',
    description: 'The accessibility standard this site meets, how it is tested, its known limits and how to report a barrier.',
    standardTitle: 'Standard',
    standard:
      'This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA and the Chinese national standard GB/T 37668-2019 (Information technology — Technical requirements and testing methods for accessibility of Internet content), on every page and questionnaire, in Chinese and in English alike.',
    testingTitle: 'How it is tested',
    testing: [
      'On every change, the automated tests check every kind of page (home, lists, town, statistics, data, methodology, questionnaires, receipt, error pages) with axe-core in Chromium; a single violation stops the release.',
      'The tests complete the enterprise questionnaire with the keyboard only (Tab to each question, Space to answer, typing the code, Enter to send) and check that every control that takes the focus shows it. When answers need attention, an error summary at the top of the form takes the focus and links to each question concerned.',
      'Each rating question is a group of radio buttons with a legend, so a screen reader reads the question before each option’s label; every chart is an SVG with a title and a description, beside a table with the same numbers.',
      'The site does not depend on JavaScript: browsing, searching and answering a questionnaire all work with JavaScript off, and the browser tests of the questionnaires run with JavaScript on and off.',
    ],
    limitsTitle: 'Known limits',
    limits: [
      'The human check (Cloudflare Turnstile) comes from a third party; where it is switched on, its accessibility is not ours to decide. When it fails, the form says why and keeps the answers given.',
      'The titles of official notices exist only in Chinese, and the English pages show them as written. Our notes are written in English and translated into Chinese; where one language has no text yet, the other is shown and marked with its language.',
      'Charts use colour, but every number is also written on the chart and in the table beside it, so colour never carries meaning alone. No manual test with screen-reader users has been done yet.',
    ],
    reportTitle: 'Report a barrier',
    report: 'If something on this site stands in your way, or you need the data in another form, contact:',
    reportNone: 'The operator of this site has not configured a contact address (PUBLIC_CONTACT).',
    reportAnswer: 'We answer within 10 working days and say what was done.',
    updated: 'This statement was last reviewed against the test results in November 2026.',
  },
  methodology: {
    title: 'Methodology',
    description:
      'How the satisfaction results are computed: scores, 95% intervals, Net Promoter Score, importance–performance analysis, what is published and what is withheld, probable duplicates and one response per enterprise.',
    intro:
      'This page explains how every figure in the satisfaction results is computed, and which figures are withheld to protect respondents. The rules are the same for every town and every questionnaire.',
    contents: 'On this page',
    scores: 'Scores',
    scoresItem: 'Each answer x to a rating question (1 to k points; k = 5 in the current questionnaires) is rescaled to 0–100:',
    scoresFive: 'On a 5-point scale that is (x − 1) × 25: 1 is 0, 3 is 50 and 5 is 100. A “Don’t know” answer is not scored.',
    scoresMean:
      'A respondent’s score on a dimension is the mean of their scored answers in it; a respondent with no scored answer in it has no score there. A dimension’s score is the mean of those individual scores, n being the number of respondents with a score:',
    scoresRound: 'Scores are published to one decimal.',
    intervals: '95% confidence intervals',
    intervalsText:
      'From the sample variance s² of the individual scores and the critical value of Student’s t, with both ends kept within 0–100:',
    intervalsTable:
      'For 1–30 degrees of freedom t comes from the table of Student’s t (for n = 10, t(0.975, 9) = 2.262); beyond 30 from the Cornish–Fisher expansion, within 0.001 of the exact value:',
    intervalsCaveat:
      'A single response has no interval. The questionnaires are open to anyone who chooses to answer; they are not a random sample. An interval shows only the uncertainty that comes from the number of answers, not whether the respondents represent the town.',
    nps: 'Net Promoter Score (NPS)',
    npsGroups: 'The recommendation question is answered 0–10: 9–10 are promoters, 7–8 passives and 0–6 detractors.',
    npsFormula: 'NPS = (promoters − detractors) ÷ n × 100',
    npsText:
      'n is the number who answered the question. NPS runs from −100 to 100; it is published to one decimal with its n, and the shares of the three groups as whole percentages under the rule for categories below.',
    disclosure: 'What is published and what is withheld',
    disclosureList: [
      'The results of a town (and of a province, list, status or all towns) are published only from n ≥ {min} responses; a dimension only when at least {min} respondents have a score on it.',
      'Results with n < 30 are marked “small sample, read with care”.',
      'Percentages are whole numbers; the number of people who gave an answer is never published.',
      'A question’s answers are published as percentages per answer only if every answer that anyone gave was given by at least 3 people; otherwise a 5-point scale is merged into 1–2, 3 and 4–5 and published if each of those that anyone gave has at least 3 people; otherwise it is withheld. “Don’t know” is left out of the base and its share given separately.',
      'For questions that are not scales (single and multiple choice) the answers are withheld whenever an option was chosen by 1 or 2 people.',
      'The results of a province, list, status or all towns are sums of the published results of towns that are themselves published (n ≥ {min}), so the difference between two published groups never isolates fewer than {min} respondents.',
      'Written comments are never published. Raw responses can be exported only by staff with the survey role, and every export is recorded in the audit log.',
    ],
    publication: 'Waves and publication rules',
    publicationText:
      'A survey runs in waves (e.g. “2026 annual”), each with its questionnaire version, its opening and closing time and its publication rule; a response belongs to the wave open when it arrives. Each wave follows one of two rules:',
    afterClose:
      'After close (after_close): nothing of a wave is published while it is open; once it has closed, its final results are. This is the default for the enterprise survey.',
    liveInSteps:
      'In steps (live_in_steps): a town’s published results are a snapshot taken each time its number of responses reaches a multiple of 10, kept until the next multiple, i.e. the results of its first n′ responses:',
    stepsText:
      'So two consecutive published states differ by at least 10 responses, and no single respondent’s answers can be read from the difference.',
    change:
      'Beside the previous wave: each dimension gives its change Δ = score this wave − score previous wave, marked as beyond the confidence intervals when the two 95% intervals do not overlap:',
    changeFormula: 'lower bound this wave > upper bound previous wave, or upper bound this wave < lower bound previous wave',
    ipa: 'Importance–performance analysis (IPA)',
    ipaText:
      'Version 2 of the enterprise questionnaire asks both satisfaction and importance (1–5) for each of the five functions of the government in building a characteristic town (overall planning, social guidance, organisation and coordination, public service, supervision and management). A function’s satisfaction S is the score of its satisfaction dimension and its importance I the score of its importance dimension, both 0–100 as above.',
    ipaGrand:
      'The grand means are the means over the m functions (at most 5) whose importance and satisfaction are both published, to one decimal:',
    ipaQuadrants: 'The grand means divide the functions into four quadrants; a value exactly at its grand mean counts as high:',
    quadrantMeaning: 'Meaning',
    meanings: {
      concentrate: 'Important but unsatisfying: where to act first',
      'keep-up': 'Important and satisfying: keep doing it',
      'low-priority': 'Less important and less satisfying: can wait',
      overkill: 'Satisfying but less important: effort may exceed the need',
    },
    ipaGap:
      'The gap G = I − S, to one decimal; a positive gap means the function performs below how much it matters. Functions are listed by gap, largest first, so where to act comes first; a function lacking either estimate (too few answers to publish it) has no quadrant and comes last. Everything is computed from the published one-decimal figures, so a reader can redo it from the table.',
    ipaExample: 'Example (made-up data)',
    ipaExampleText: 'These numbers are made up to show the computation; they describe no town.',
    ipaExampleCaption: 'Example: importance–performance analysis of one town (made-up data)',
    duplicates: 'Probable duplicates',
    duplicatesText:
      'The residents’ and visitors’ questionnaire needs no login and is open to anyone. A response is marked a probable duplicate when, in the same wave and on the same day, an earlier response about the same town from the same network gave exactly the same answers to every question.',
    duplicatesNetwork:
      'The network is the IPv4 address itself, or the /64 prefix of an IPv6 address, hashed with HMAC-SHA-256 under a random key of the day; the key is deleted the next day and the address is never stored. The check needs only a set of such keyed hashes, which have no link to the responses.',
    duplicatesResults: 'Results leave probable duplicates out and give the share left out beside them:',
    duplicatesFormula: 'share left out = probable duplicates ÷ responses of the group × 100% (whole number)',
    duplicatesCaveat:
      'It is a signal, not proof: different people on one network (one office, say) who give exactly the same answers on the same day are marked too.',
    enterprise: 'One response per enterprise',
    enterpriseCode:
      'The enterprise questionnaire asks for the 18-character unified social credit code (统一社会信用代码, GB 32100-2015), so that each enterprise answers once per town and wave. Its 18th character is checked first: the 31 characters 0–9, A–H, J–N, P–R, T–U, W–Y (no I, O, Z, S or V) have the values 0–30 in that order, and the first 17 positions have the weights:',
    enterpriseCheck:
      'A code with a wrong check character is refused. The code itself is never stored or logged; only this hash h is kept (K the wave’s secret, C the code and T the town id, joined by “|”):',
    enterpriseClaims:
      'h is kept in a table of its own, keyed by h itself (with the wave, for clean-up), with no foreign key, shared id, timestamp or insertion order linking it to a response, and written in the same database batch as the response. A second submission with the same h is refused with 409, “this enterprise has already answered for this wave”. Whoever holds the database and the wave’s secret can test whether a code has answered, but even with a list of codes cannot learn which response an enterprise gave. Once a wave has closed and its results are final, its secret can be destroyed and the table dropped.',
    enterpriseCaveat: 'A valid check character does not prove that the enterprise exists: anyone can compute one.',
  },
};
