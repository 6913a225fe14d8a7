/**
 * Every survey rollup recounted from the raw responses, by SQL on any D1: the
 * worker tests run it on their database (test/recount.ts), the restore drill
 * (scripts/restore-drill.ts) on a database restored from an export, where a
 * rollup that disagreed with its rows would otherwise go unnoticed.
 */

/** The counted responses (not probable duplicates) of each wave and town, optionally only the first `limit` of each in arrival order. */
const COUNTED = (limitToPublished: boolean) =>
  limitToPublished
    ? `(SELECT r.* FROM responses r JOIN published_responses p ON p.wave_id = r.wave_id AND p.town_id = r.town_id
        WHERE r.probable_duplicate = 0
          AND (SELECT COUNT(*) FROM responses r2 WHERE r2.wave_id = r.wave_id AND r2.town_id = r.town_id AND r2.probable_duplicate = 0 AND r2.rowid <= r.rowid) <= p.n)`
    : '(SELECT * FROM responses WHERE probable_duplicate = 0)';

/**
 * Every rollup recomputed from the raw answers: what the rollup tables must
 * equal. With `published`, the same for the published states of the waves
 * published live: the first n counted responses of each town in arrival order,
 * n its last multiple of 10.
 */
export async function recountRollups(db: D1Database, { published = false } = {}) {
  const from = COUNTED(published);
  const tables = published
    ? { responses: 'published_responses', answers: 'published_answers', dimensions: 'published_dimensions' }
    : { responses: 'rollup_wave_responses', answers: 'rollup_wave_answers', dimensions: 'rollup_wave_dimensions' };
  const responses = await db.prepare(`SELECT wave_id AS w, town_id AS t, COUNT(*) AS n FROM ${from} GROUP BY 1, 2 ORDER BY 1, 2`).all();
  const rolledResponses = await db.prepare(`SELECT wave_id AS w, town_id AS t, n FROM ${tables.responses} WHERE n > 0 ORDER BY 1, 2`).all();
  const answers = await db
    .prepare(
      `SELECT r.wave_id AS w, r.town_id AS t, a.question_id AS q, a.value, COUNT(*) AS n FROM answers a JOIN ${from} r ON r.id = a.response_id
     WHERE a.question_id <> 'comment' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
  const rolledAnswers = await db
    .prepare(`SELECT wave_id AS w, town_id AS t, question_id AS q, value, n FROM ${tables.answers} ORDER BY 1, 2, 3, 4`)
    .all();
  // Dimension scores straight from the raw answers: each respondent's mean rating in a dimension, rescaled to 0–100.
  const { results: versions } = await db.prepare('SELECT id, definition FROM survey_versions').all<{ id: string; definition: string }>();
  const items = versions.flatMap((v) =>
    (
      JSON.parse(v.definition) as { sections: { questions: { id: string; type: string; dimension: string | null; scale?: number }[] }[] }
    ).sections
      .flatMap((s) => s.questions)
      .filter((q) => q.type === 'likert')
      .map((q) => `('${v.id}', '${q.id}', '${q.dimension}', ${q.scale})`),
  );
  const dimensions = await db
    .prepare(
      `WITH item(v, q, dim, scale) AS (VALUES ${items.join(', ')}),
     score AS (SELECT r.wave_id AS w, r.town_id AS t, r.id, item.dim, AVG((CAST(a.value AS REAL) - 1) * 100.0 / (item.scale - 1)) AS s
               FROM answers a JOIN ${from} r ON r.id = a.response_id JOIN item ON item.v = r.survey_version_id AND item.q = a.question_id
               WHERE a.value <> 'na' GROUP BY 1, 2, 3, 4)
     SELECT w, t, dim, COUNT(*) AS n, ROUND(SUM(s), 6) AS sum, ROUND(SUM(s * s), 6) AS sq FROM score GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
  const rolledDimensions = await db
    .prepare(
      `SELECT wave_id AS w, town_id AS t, dimension AS dim, n, ROUND(sum, 6) AS sum, ROUND(sum_squares, 6) AS sq FROM ${tables.dimensions} ORDER BY 1, 2, 3`,
    )
    .all();
  return {
    responses: responses.results,
    rolledResponses: rolledResponses.results,
    answers: answers.results,
    rolledAnswers: rolledAnswers.results,
    dimensions: dimensions.results,
    rolledDimensions: rolledDimensions.results,
  };
}
