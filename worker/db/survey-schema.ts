import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { towns } from './schema.ts';

/** A questionnaire (public or enterprise). When it accepts answers is the business of its waves (survey_waves). */
export const surveys = sqliteTable('surveys', {
  id: text('id').primaryKey(),
  audience: text('audience').notNull(),
  /** The window before waves (migration 0007 made them the first waves). Unused since; kept, as dropping a referenced table's column would mean rebuilding it. */
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
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id),
    version: integer('version').notNull(),
    definition: text('definition', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('survey_versions_survey_idx').on(t.surveyId, t.version)],
);

/**
 * A round of a survey (e.g. the 2026 annual one): the questionnaire version it
 * asks, when it accepts answers (UTC instants; closes_at null = no end yet) and
 * how its results are published. The waves of one survey never overlap, so a
 * response belongs to the one wave open when it arrives.
 */
export const surveyWaves = sqliteTable(
  'survey_waves',
  {
    id: text('id').primaryKey(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id),
    versionId: text('version_id')
      .notNull()
      .references(() => surveyVersions.id),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at'),
    /** `after_close`: nothing while open, the final results once closed; `live_in_steps`: per town, a new state every 10 responses. */
    publication: text('publication').notNull(),
    /** `data` (data/surveys/waves.csv, which a reload may update) or `admin` (changed by staff: a reload leaves it alone). */
    origin: text('origin').notNull().default('data'),
  },
  (t) => [index('survey_waves_survey_idx').on(t.surveyId, t.opensAt)],
);

/** A submitted questionnaire. `id` is the receipt the respondent keeps. */
export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    surveyVersionId: text('survey_version_id')
      .notNull()
      .references(() => surveyVersions.id),
    townId: text('town_id')
      .notNull()
      .references(() => towns.id),
    submittedAt: text('submitted_at').notNull(),
    /** Given only with consent to be contacted; never published. */
    contact: text('contact', { mode: 'json' }),
    /** The wave the response arrived in (set on every response; the column is nullable only because SQLite adds columns so). */
    waveId: text('wave_id').references(() => surveyWaves.id),
    /** 1 when the same answers came from the same network earlier that day in the wave: left out of the results, shown as a share. */
    probableDuplicate: integer('probable_duplicate').notNull().default(0),
  },
  (t) => [
    index('responses_version_idx').on(t.surveyVersionId, t.id),
    index('responses_town_idx').on(t.townId, t.surveyVersionId),
    index('responses_wave_idx').on(t.waveId, t.townId),
  ],
);

/** One row per answered question (per chosen option for multiple choice). */
export const answers = sqliteTable(
  'answers',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id),
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
  responseId: text('response_id')
    .notNull()
    .references(() => responses.id),
  createdAt: text('created_at').notNull(),
});

/** Random salt of the day for hashing client addresses; yesterday's is deleted, so old hashes cannot be recomputed. */
export const dailySalts = sqliteTable('daily_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

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
  /** The wave the decoy claimed to answer (null for those caught before waves). */
  waveId: text('wave_id'),
  versionId: text('version_id').notNull(),
  townId: text('town_id').notNull(),
  submittedAt: text('submitted_at').notNull(),
});

/**
 * The three rollups of responses, per wave and town: how many (and how many
 * left out as probable duplicates), how often each value was given to each
 * question, and per dimension the count, sum and sum of squares of the 0–100
 * scores (enough for a mean and its interval at any number of responses).
 * Two sets of them exist: the live rollups, and the published ones.
 */
function rollupTables(prefix: string) {
  return {
    responses: sqliteTable(
      `${prefix}_responses`,
      {
        waveId: text('wave_id').notNull(),
        townId: text('town_id').notNull(),
        n: integer('n').notNull(),
        duplicates: integer('duplicates').notNull().default(0),
      },
      (t) => [primaryKey({ columns: [t.waveId, t.townId] })],
    ),
    answers: sqliteTable(
      `${prefix}_answers`,
      {
        waveId: text('wave_id').notNull(),
        townId: text('town_id').notNull(),
        questionId: text('question_id').notNull(),
        value: text('value').notNull(),
        n: integer('n').notNull(),
      },
      (t) => [primaryKey({ columns: [t.waveId, t.townId, t.questionId, t.value] })],
    ),
    dimensions: sqliteTable(
      `${prefix}_dimensions`,
      {
        waveId: text('wave_id').notNull(),
        townId: text('town_id').notNull(),
        dimension: text('dimension').notNull(),
        n: integer('n').notNull(),
        sum: real('sum').notNull(),
        sumSquares: real('sum_squares').notNull(),
      },
      (t) => [primaryKey({ columns: [t.waveId, t.townId, t.dimension] })],
    ),
  };
}

/** The live rollups, kept by every submission's batch (responses counted in the results only). */
const live = rollupTables('rollup_wave');
export const rollupWaveResponses = live.responses;
export const rollupWaveAnswers = live.answers;
export const rollupWaveDimensions = live.dimensions;

/*
 * The published state of each town in a `live_in_steps` wave: a copy of its
 * rollups taken, in the batch of the submission that made its count a
 * multiple of 10. Readers see only these, so two published states of a town
 * differ by at least 10 responses and no single answer can be recovered by
 * comparing them.
 */
const published = rollupTables('published');
export const publishedResponses = published.responses;
export const publishedAnswers = published.answers;
export const publishedDimensions = published.dimensions;

/**
 * One row per enterprise that has answered for a town in a wave: the
 * HMAC-SHA-256, under the wave's secret, of its unified social credit code and
 * the town. Nothing links a row to a response: no response id, no time, and no
 * order (the migration makes it a WITHOUT ROWID table keyed by the hash).
 */
export const enterpriseClaims = sqliteTable('enterprise_claims', {
  hash: text('hash').primaryKey(),
  /** Only so that a wave's claims can be deleted once its secret is destroyed. */
  waveId: text('wave_id').notNull(),
});

/**
 * Hashes of (wave, day, client network, answers) of the public survey's
 * responses: a response whose hash is already here is flagged as a probable
 * duplicate. The network key is the daily-salted HMAC of the address, so a
 * hash can be recomputed only on its day. WITHOUT ROWID, keyed by the hash:
 * no order, no time, no link to a response.
 */
export const duplicateSignals = sqliteTable('duplicate_signals', {
  hash: text('hash').primaryKey(),
});
