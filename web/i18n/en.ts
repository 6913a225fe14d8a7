import { aboutEn } from './en/about.ts';
import { browseEn } from './en/browse.ts';
import { dataEn } from './en/data.ts';
import { resultsEn } from './en/results.ts';
import { suggestEn } from './en/suggest.ts';
import { surveyEn } from './en/survey.ts';
import type { Messages } from './index.ts';

export const en: Messages = {
  lang: 'en',
  feedTitle: 'Characteristic town list changes',
  siteName: 'China Characteristic Towns Open Data',
  siteTagline: 'Open data on the official lists of characteristic towns, their status changes and satisfaction surveys',
  skipToContent: 'Skip to content',
  nav: { home: 'Home', lists: 'Lists', stats: 'Statistics', surveys: 'Surveys', data: 'Data & API' },
  switchLanguage: '中文',
  switchLanguageLabel: 'Switch to Chinese',
  footer: {
    licence:
      'The data is open under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): cite “特色小镇开放数据” and the official sources given with each record.',
    licenceLink: 'CC BY 4.0 licence',
    privacy: 'Privacy',
    methodology: 'Methodology',
    accessibility: 'Accessibility',
    api: 'Open API',
  },
  ...browseEn,
  ...surveyEn,
  ...dataEn,
  ...resultsEn,
  ...aboutEn,
  errorPage: {
    backToForm: 'Back to the questionnaire',
    firstPage: 'Back to the first page',
    tooLargeTitle: 'Too much to send',
    tooLargeText:
      'A questionnaire may not be larger than 64 KB when sent; nothing was stored. Please shorten your comments and fill it in again.',
    forbiddenTitle: 'This submission cannot be accepted',
    forbiddenText:
      'The questionnaire can only be sent from this site’s own pages. This one came from another site and was not stored. Please open the questionnaire on this site and send it from there.',
    badFormTitle: 'The submission could not be read',
    badFormText:
      'What was sent is not a readable form, so nothing was stored. Please open the questionnaire on this site and send it from there.',
    badCursorTitle: 'Page link not valid',
    badCursorText: 'This page link has expired or was changed, so the page cannot be shown. Please start again from the first page.',
  },
  notFound: { title: 'Page not found', text: 'The page you are looking for does not exist.', home: 'Back to the home page' },
  statuses: {
    proposed: 'Proposed',
    approved: 'Listed',
    pilot: 'Pilot',
    named: 'Named',
    typical: 'Typical case',
    retained: 'Retained',
    warned: 'Warned',
    rectifying: 'Rectifying',
    downgraded: 'Downgraded',
    'elimination-proposed': 'To be eliminated',
    eliminated: 'Eliminated',
    renamed: 'Renamed',
  },
  suggest: suggestEn,
  confidence: { high: 'High', medium: 'Medium', low: 'Low' },
  levels: { national: 'National', provincial: 'Provincial', municipal: 'Municipal', county: 'County' },
};
