import type { FieldProblem } from '../worker/errors.ts';
import type { Messages } from './i18n/index.ts';

/** The fields of the suggestion form: the JSON API's names, the contact's flattened. */
export type SuggestionValues = Record<string, string>;

/** The posted form as plain strings (a repeated field keeps its first value), to re-render it as entered. */
export function suggestionValues(body: Record<string, unknown>): SuggestionValues {
  const values: SuggestionValues = {};
  for (const [name, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

/** The body the JSON API takes, built from the form: empty fields are left out, so that the API's schema judges them. */
export function formToSuggestion(v: SuggestionValues): Record<string, unknown> {
  const text = (name: string) => v[name]?.trim() || undefined;
  const contact = { name: text('contact_name'), organisation: text('organisation'), email: text('email'), phone: text('phone') };
  const given = Object.fromEntries(Object.entries(contact).filter(([, value]) => value));
  const body: Record<string, unknown> = {
    kind: text('kind'),
    list_id: text('list_id'),
    town_id: text('town_id'),
    town_name: text('town_name'),
    province: text('province'),
    city: text('city'),
    county: text('county'),
    proposed_status: text('proposed_status'),
    proposed_date: text('proposed_date'),
    detail: v.detail ?? '',
    source: v.source ?? '',
    contact: Object.keys(given).length ? given : undefined,
    contact_consent: v.contact_consent === 'yes',
    website: text('website'),
    // Turnstile's widget puts its token in this field of the form it is in.
    turnstile_token: text('cf-turnstile-response'),
  };
  // An addition on a town's page is about that town: its id says which, and no name is asked.
  if (body.town_id && body.kind === 'addition') delete body.town_name;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** The API's field problems as messages beside the form's fields; one per field, the first. */
export function suggestionErrors(problems: FieldProblem[], t: Messages): Record<string, string> {
  const m = t.suggest;
  const errors: Record<string, string> = {};
  // Not sent, or sent empty.
  const missing = (p: FieldProblem) => p.code === 'required' || p.code === 'too-small';
  for (const p of problems) {
    const [head] = p.name.split('.');
    let field = head!;
    let message: string;
    if (head === 'source') message = m.errorSource;
    else if (head === 'list_id') message = missing(p) ? m.errorList : m.errorUnknown;
    else if (head === 'town_id') message = missing(p) ? m.errorTown : m.errorUnknown;
    else if (head === 'proposed_date') message = m.errorDate;
    else if (head === 'contact_consent') message = m.errorContactConsent;
    else if (head === 'contact') [field, message] = ['contact_consent', m.errorGeneric];
    else if (head === 'turnstile_token') [field, message] = ['turnstile', t.survey.verifyFailed];
    else message = missing(p) ? m.errorRequired : m.errorGeneric;
    errors[field] ??= message;
  }
  return errors;
}
