import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { towns } from './schema.ts';

/** A questionnaire (public or enterprise) and the window in which it accepts answers. */
export const surveys = sqliteTable('surveys', {
  id: text('id').primaryKey(),
  audience: text('audience').notNull(),
  /** ISO instants; null means no bound. Changed only by the admin API. */
  opensAt: text('opens_at'),
  closesAt: text('closes_at'),
  position: integer('position').notNull(),
});

/**
 * One version of a questionnaire, its definition stored as JSON. Versions are
 * never edited once loaded; a change of wording is a new version.
 */
export const surveyVersions = sqliteTable(
  'survey_versions',
  {
    id: text('id').primaryKey(),
    surveyId: text('survey_id').notNull().references(() => surveys.id),
    version: integer('version').notNull(),
    definition: text('definition', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('survey_versions_survey_idx').on(t.surveyId, t.version)],
);

/** A submitted questionnaire. `id` is the receipt the respondent keeps. */
export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    surveyVersionId: text('survey_version_id').notNull().references(() => surveyVersions.id),
    townId: text('town_id').notNull().references(() => towns.id),
    submittedAt: text('submitted_at').notNull(),
    /** Given only with consent to be contacted; never published. */
    contact: text('contact', { mode: 'json' }),
  },
  (t) => [index('responses_version_idx').on(t.surveyVersionId, t.id), index('responses_town_idx').on(t.townId, t.surveyVersionId)],
);

/** One row per answered question (per chosen option for multiple choice). */
export const answers = sqliteTable(
  'answers',
  {
    responseId: text('response_id').notNull().references(() => responses.id),
    questionId: text('question_id').notNull(),
    /** The scale point, score or option id, as text. */
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId, t.value] })],
);

/** Idempotency-Key of each accepted submission, with a fingerprint of its body. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  key: text('key').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  responseId: text('response_id').notNull().references(() => responses.id),
  createdAt: text('created_at').notNull(),
});

/** Random salt of the day for hashing client addresses; yesterday's is deleted, so old hashes cannot be recomputed. */
export const dailySalts = sqliteTable('daily_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

/** Rollup: responses per survey version and town. */
export const rollupResponses = sqliteTable(
  'rollup_responses',
  {
    surveyVersionId: text('survey_version_id').notNull(),
    townId: text('town_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.townId] })],
);

/** Rollup: how often each value was given to each question, per town. */
export const rollupAnswers = sqliteTable(
  'rollup_answers',
  {
    surveyVersionId: text('survey_version_id').notNull(),
    townId: text('town_id').notNull(),
    questionId: text('question_id').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.townId, t.questionId, t.value] })],
);

/**
 * Rollup: per town and dimension, the count, sum and sum of squares of the
 * respondents' 0–100 dimension scores: enough for the mean and its
 * confidence interval at any number of responses.
 */
export const rollupDimensions = sqliteTable(
  'rollup_dimensions',
  {
    surveyVersionId: text('survey_version_id').notNull(),
    townId: text('town_id').notNull(),
    dimension: text('dimension').notNull(),
    n: integer('n').notNull(),
    sum: real('sum').notNull(),
    sumSquares: real('sum_squares').notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.townId, t.dimension] })],
);

/**
 * Submissions caught by the honeypot, per day and survey: answered as if
 * stored, never stored, only counted here, so a maintainer sees how many bots
 * came (`SELECT * FROM honeypot_catches ORDER BY day DESC`). Nothing about the client.
 */
export const honeypotCatches = sqliteTable(
  'honeypot_catches',
  {
    day: text('day').notNull(),
    surveyId: text('survey_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.surveyId] })],
);

/**
 * Submissions caught by the honeypot. Nothing of their answers is kept: only
 * what makes the decoy behave like a stored submission afterwards, so that a
 * bot cannot tell it was caught: a retry with the same key gets the same
 * receipt marked as replayed (and spends no budget), the same key with
 * another body is refused, and the receipt page finds the receipt.
 */
export const decoyReceipts = sqliteTable('decoy_receipts', {
  key: text('key').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  receipt: text('receipt').notNull().unique(),
  surveyId: text('survey_id').notNull(),
  versionId: text('version_id').notNull(),
  townId: text('town_id').notNull(),
  submittedAt: text('submitted_at').notNull(),
});
