import type { FieldProblem } from '../worker/errors.ts';
import type { Survey } from '../worker/services/surveys/definitions.ts';
import type { Submission } from '../worker/services/surveys/submit.ts';
import type { FormValue } from './components/question.tsx';
import type { Messages } from './i18n/index.ts';

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The posted form as plain values, to re-render it with what the respondent entered. */
export function formValues(body: FormBody): Record<string, FormValue> {
  const values: Record<string, FormValue> = {};
  for (const [name, value] of Object.entries(body)) {
    values[name] = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : typeof value === 'string'
        ? value
        : undefined;
  }
  return values;
}

/** The same submission the JSON API takes, built from the fields of the HTML form. */
export function formToSubmission(survey: Survey, townId: string, values: Record<string, FormValue>): Submission {
  const answers: Submission['answers'] = {};
  for (const q of survey.sections.flatMap((s) => s.questions)) {
    const v = values[q.id];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (q.type === 'multi') answers[q.id] = Array.isArray(v) ? v : [v];
    else {
      const one = Array.isArray(v) ? v[0]! : v;
      answers[q.id] = (q.type === 'likert' || q.type === 'nps') && /^\d+$/.test(one) ? Number(one) : one;
    }
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
  const respondent = { organisation: text('organisation'), name: text('contact_name'), phone: text('phone'), email: text('email') };
  const given = Object.fromEntries(Object.entries(respondent).filter(([, v]) => v));
  return {
    town_id: townId,
    answers,
    consent: { participation: values.consent_participation === 'yes', contact: values.consent_contact === 'yes' },
    respondent: Object.keys(given).length ? given : undefined,
    website: text('website') || undefined,
    // Turnstile's widget puts its token in this field of the form it is in.
    turnstile_token: text('cf-turnstile-response') || undefined,
    // Asked by the enterprise questionnaire only (a public form that somehow sends one sends nothing); the API checks it.
    enterprise_code: survey.audience === 'enterprise' ? text('enterprise_code') || undefined : undefined,
  };
}

/**
 * Field problems (of the API's schema or of the service) as messages beside
 * the fields of the form, by their name and code (never their English detail): a question, the consent, the contact details, the
 * human check, the enterprise's code. Anything else has no field to stand beside and is left out.
 */
export function formErrors(problems: FieldProblem[], t: Messages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const [head, field] = p.name.split('.');
    if (p.name === 'consent.participation') errors.consent = t.survey.errorConsent;
    else if (p.name === 'consent.contact') errors.contact = t.survey.errorContactConsent;
    else if (head === 'respondent') errors.contact ??= t.survey.errorContact;
    else if (head === 'answers' && field) errors[field] ??= p.code === 'required' ? t.survey.errorRequired : t.survey.errorGeneric;
    else if (head === 'turnstile_token') errors.turnstile = t.survey.verifyFailed;
    // Missing, or not a valid unified social credit code (the service names the field for both).
    else if (p.name === 'enterprise_code') errors.enterprise_code ??= p.code === 'required' ? t.survey.errorRequired : t.survey.errorCode;
  }
  return errors;
}
