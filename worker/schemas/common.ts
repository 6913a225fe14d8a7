import { z } from '@hono/zod-openapi';
import { FIELD_PROBLEM_CODES } from '../errors.ts';
import { FORMATS } from '../http/formats.ts';
import { CONFIDENCES } from '../lib/confidence.ts';
import { isValidIsoDate } from '../lib/dates.ts';
import { SOURCE_STAGES } from '../lib/source-stage.ts';

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .openapi({ description: 'Stable URI that identifies the kind of problem.', example: 'urn:tesexiaozhen:problem:town-not-found' }),
    title: z.string().openapi({ description: 'Short summary of the kind of problem.', example: 'Town not found' }),
    status: z.number().int().openapi({ description: 'HTTP status code.', example: 404 }),
    detail: z.string().openapi({ description: 'What went wrong with this request.', example: 'No town has the id "beijing-nowhere".' }),
    instance: z.string().optional().openapi({ description: 'Path of the request.', example: '/api/v1/towns/beijing-nowhere' }),
    errors: z
      .array(
        z.object({
          name: z.string().openapi({ description: 'The parameter or field at fault.', example: 'limit' }),
          in: z.enum(['query', 'path', 'header', 'body']).openapi({ description: 'Where the parameter is.', example: 'query' }),
          code: z.enum(FIELD_PROBLEM_CODES).openapi({
            description:
              'The kind of problem, for a client that words it itself (`detail` says it in English): `required` (not sent, or a consent that must be given is not), `invalid` (not a value it may have), `unknown` (a parameter, question or option the request must not carry), `duplicate` (the same choice twice), `too-small` or `too-big` (below a minimum or above a maximum: size, length or number), `not-found` (names something that does not exist: a town, list, source, wave or version), `conflict` (collides with what is stored: an id already used, an overlapping wave, an answer already given).',
            example: 'too-small',
          }),
          detail: z.string().openapi({ description: 'What is wrong with it.', example: 'Too small: expected number to be >=1' }),
        }),
      )
      .optional()
      .openapi({ description: 'One entry per invalid parameter.' }),
    request_id: z.string().openapi({
      description:
        'The id of the request, also sent in the X-Request-Id header and written in every log line of the request: quote it when reporting a problem.',
      example: '8f2a5c0d9e1b3a47-LHR',
    }),
  })
  .openapi('Problem', { description: 'An RFC 9457 problem report.' });

/** One problem+json response with a description of when it happens. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** Problem responses every route may give, spread into each route's `responses`. */
export function problemResponses<const C extends number>(...codes: C[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid parameter (problem+json names each one).',
    401: 'No bearer token.',
    403: 'The token is not allowed.',
    404: 'No such resource.',
    410: 'A snapshot of an earlier version: its bytes are no longer served (the problem links the current one).',
    503: 'The database is busy; retry after the Retry-After delay.',
  };
  return Object.fromEntries(codes.map((code) => [code, problemResponse(descriptions[code] ?? 'Error')])) as Record<
    C,
    ReturnType<typeof problemResponse>
  >;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with every lone surrogate replaced by U+FFFD, as
 * String.prototype.toWellFormed does (not in the ES2022 typings this project
 * compiles against). JSON may carry `"\ud800"`; stored as given it becomes
 * bytes that are not UTF-8, which every later reader, CSV and feed must cope with.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

const NUL_MESSAGE = 'Must not contain the NUL character (U+0000)';

/**
 * The rules of every text field the API accepts and stores, for any string
 * schema (`z.string()`, `z.url()`…): NUL (U+0000) is refused with a 400 naming
 * the field (it truncates text in C strings, terminals and many tools), and
 * lone surrogates become U+FFFD, so that only valid UTF-8 is stored.
 */
export function storedText<T extends z.ZodType<string>>(schema: T): T {
  // `overwrite` keeps the schema's type (a string stays a string in the OpenAPI document, unlike a transform).
  return schema
    .refine((text) => !text.includes('\u0000'), { message: NUL_MESSAGE })
    .overwrite((text) => wellFormed(text as string) as typeof text);
}

/** A text field: chain trimming and length limits after it, `TextInput.max(200)`. */
export const TextInput = storedText(z.string());

/** An Idempotency-Key (IETF draft): printable ASCII, long enough to be unique. */
export const IdempotencyKeyValue = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

export const DateParam = z
  .string()
  .refine(isValidIsoDate, { message: 'Must be a real calendar date written YYYY-MM-DD' })
  .openapi({ description: 'A calendar date, YYYY-MM-DD.', format: 'date', example: '2019-01-01' });

/** YYYY-MM-DD, YYYY-MM or YYYY with a real month and a day that can exist (the calendar itself is checked on input). */
export const SOURCE_DATE_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$';

/** A date as precise as its source, in a response: the `date_precision` beside it says which of the three it is. */
export const SourceDateValue = z.string().openapi({ pattern: SOURCE_DATE_PATTERN });

/** Nothing in the query string: a parameter this operation does not know is refused, so a typo never goes unnoticed. */
export const NoQuery = z.object({}).strict();

export const FormatParam = z.enum(FORMATS).optional().openapi({
  description:
    'Response format. Overrides the Accept header (`text/csv`, `application/x-ndjson`). CSV and NDJSON contain every page of the collection, streamed; CSV starts with a UTF-8 BOM so that Excel reads Chinese correctly.',
  example: 'csv',
});

export const SourceRefSchema = z
  .object({
    id: z.string().openapi({ description: 'Id of the source document (see /api/v1/sources).', example: 'doc-0928e7541c' }),
    title: z.string().openapi({ description: 'Title of the document.', example: '住房城乡建设部关于公布第一批中国特色小镇名单的通知' }),
    document_number: z.string().nullable().openapi({ description: 'Official document number, when known.', example: '建村〔2016〕221号' }),
  })
  .openapi('SourceRef', { description: 'The official document a fact comes from.' });

export const ConfidenceSchema = z.enum(CONFIDENCES).nullable().openapi({
  description:
    '`high`: read in a copy of the official notice; `medium`: named by a news report or encyclopaedia that says so explicitly; `low`: deduced or from a weak or garbled source (see `note`). Null where the data file gives none.',
  example: 'high',
});

export const SourceUrlsSchema = z.array(z.string()).openapi({
  description: 'Where the row was read: copies of the notice or reports about it (the ministry pages themselves were not reachable).',
  example: ['http://beaconintermodal.cn/view/3148.html'],
});

/** The envelope of every JSON collection. */
export function pageSchema<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({
      items: z.array(item).openapi({ description: 'The items of this page.' }),
      total: z.number().int().openapi({ description: 'Number of items matching the filters, over all pages.', example: 122 }),
      next_cursor: z.string().nullable().openapi({
        description: 'Pass as `cursor` to get the next page; null on the last page. Also given as a `Link: rel="next"` header.',
        example: null,
      }),
    })
    .openapi(name);
}

/**
 * `note` and `note_zh` of every record that has a note. The notes are our own
 * text: written in English (Chinese names, document numbers and quotations stay
 * as the sources print them), each with a Chinese translation where one was written.
 */
export function noteFields(about: string, example: { en: string | null; zh: string | null } = { en: null, zh: null }) {
  return {
    note: z
      .string()
      .nullable()
      .openapi({ description: `${about} In English; null when there is none.`, example: example.en }),
    note_zh: z.string().nullable().openapi({
      description:
        'The same note in Chinese (中文说明); null when there is no note or no translation. Show the one in the reader’s language and fall back to the other.',
      example: example.zh,
    }),
  };
}

/** How far the listing had gone when the row's source saw it (worker/lib/source-stage.ts). */
export const SourceStageFields = {
  source_stage: z.enum(SOURCE_STAGES).nullable().openapi({
    description:
      'The stage of the listing the source of this row saw: `public-notice` (公示: the town is named only in the public notice before the final list), `final` (the final notice or a report after it) or `deduced` (inferred; the note says how). Null where the data does not record it (most lists have no public-notice stage).',
    example: 'public-notice',
  }),
  source_stage_date: SourceDateValue.nullable().openapi({
    description: 'Date of that stage or report as the data gives it (YYYY-MM-DD, YYYY-MM or YYYY); null when not given.',
    example: '2017-07-27',
  }),
};
