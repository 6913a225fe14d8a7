import type { Widen } from '../index.ts';
import type { surveyZh } from '../zh/survey.ts';

/** The questionnaire, its chooser and its thanks page; English. */
export const surveyEn: Widen<typeof surveyZh> = {
  survey: {
    choose: 'Choose a town',
    chooseIntro: 'First find the town you want to rate.',
    forTown: 'About: {town}',
    closed: 'This survey is not accepting answers at the moment.',
    progress: '{done} of {total} required questions answered',
    required: '(required)',
    optional: '(optional)',
    na: 'Don’t know',
    consentTitle: 'Consent and privacy',
    consentText:
      'Your answers are used to measure satisfaction with this town and are published only as totals, never for fewer than {min} responses. We do not record your IP address, name or phone number. Written comments are never published. Data is kept for 3 years after the survey ends.',
    consentLabel: 'I have read the above and agree to submit my answers',
    contactTitle: 'Contact details (optional)',
    contactIntro:
      'If you would like the authorities to contact you about your answers, leave your details. They are kept only if you tick the box, and never published.',
    contactConsent: 'I agree to be contacted and give the details below',
    organisation: 'Organisation',
    contactName: 'Contact person',
    phone: 'Phone',
    email: 'E-mail',
    submit: 'Submit',
    errorsTitle: 'Please fix the following before submitting:',
    saved: 'Your progress is saved in this browser.',
    retrying: 'The network is unstable; retrying…',
    failed: 'Sending failed; please try again later. Your answers are saved in this browser.',
    thanksTitle: 'Thank you for taking part',
    thanksText: 'Your answers have been stored. Please keep this receipt number:',
    receipt: 'Receipt',
    backToTown: 'Back to the town',
    honeypot: 'Leave this empty',
    errorRequired: 'This question needs an answer',
    errorConsent: 'Please tick the box to agree before submitting',
    errorContactConsent: 'To leave contact details, tick the box agreeing to be contacted',
    errorGeneric: 'Please check this answer',
    sectionOf: 'Part {i} of {n}',
    failedHere: 'Sending failed; please try again later. What you entered is still on this page.',
    keyReused:
      'Different answers were already sent with this questionnaire; to avoid counting them twice, these were not stored. To answer again, open the questionnaire afresh from the town’s page.',
    errorContact: 'Please check the contact details: organisation and e-mail at most 200 characters, contact person 100, phone 40.',
    verifyTitle: 'Human check',
    verify: 'Please complete the human check below before sending.',
    verifyFailed:
      'We could not confirm that a person is sending this, so nothing was stored. Please complete the human check, then send again (the check needs JavaScript).',
    verifyNeedsJs:
      'This questionnaire can only be sent after a human check (Cloudflare Turnstile), and the check needs JavaScript. JavaScript is off in your browser, so the answers cannot be sent and nothing you enter is saved. Please turn JavaScript on before filling it in.',
    verifyUnavailable: 'The human check is unavailable, so this questionnaire cannot be sent at the moment.',
    wave: 'This wave: {wave}. {window}',
    closedNext: 'This survey is not accepting answers at the moment. The next wave ({wave}) opens on {opens}.',
    codeTitle: 'Your enterprise',
    codeLabel: 'Unified social credit code',
    codeHint:
      '18 characters, as on the business licence. Its check character is verified when you send; it is used only to keep one answer per enterprise, town and wave, is discarded once checked, and is never stored.',
    codePrivacy: 'See the privacy notice',
    errorCode:
      'Please check the unified social credit code: the 18 characters on the business licence (digits and capital letters except I, O, Z, S and V), with a correct last (check) character.',
    alreadyAnswered:
      'This enterprise has already answered for this town in this wave. One answer per enterprise, town and wave is counted, so this one was not stored.',
  },
};
