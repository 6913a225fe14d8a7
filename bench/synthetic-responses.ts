/**
 * Gives a synthetic town `size` synthetic survey responses in the public survey's
 * first wave (published live, in steps of 10), straight into a throwaway D1
 * (never the published data): the response rows, and the live and published
 * rollups as submissions would have kept them for uniformly spread answers
 * (`size` is a multiple of 10, so the published state is the live one). Answer rows
 * are not written: the results endpoint reads only the rollups, whose size
 * does not depend on the number of responses, and 1M responses would need
 * tens of millions of answer rows. Idempotent for growing sizes.
 */
interface Question {
  id: string;
  type: string;
  dimension?: string | null;
  options?: { id: string }[];
}

export async function seedResponses(db: D1Database, townId: string, size: number): Promise<void> {
  await db
    .prepare(
      "INSERT OR IGNORE INTO towns (id, name, name_pinyin, search_text, province, origin) VALUES (?, '合成测试镇', 'he cheng ce shi zhen', 'synthetic', '北京市', 'admin')",
    )
    .bind(townId)
    .run();
  const have = (await db.prepare('SELECT COUNT(*) AS n FROM responses WHERE town_id = ?').bind(townId).first<number>('n'))!;
  for (let from = have; from < size; from += 50_000) {
    const to = Math.min(size, from + 50_000);
    await db
      .prepare(
        `WITH RECURSIVE k(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
         INSERT INTO responses (id, survey_version_id, wave_id, town_id, submitted_at) SELECT 'synthetic-' || ? || '-' || i, 'public-v1', 'public-w1', ?, '2026-01-01T00:00:00.000Z' FROM k`,
      )
      .bind(from, to, townId, townId)
      .run();
  }
  const definition = JSON.parse(
    (await db.prepare("SELECT definition FROM survey_versions WHERE id = 'public-v1'").first<string>('definition'))!,
  ) as { sections: { questions: Question[] }[] };
  const questions = definition.sections.flatMap((s) => s.questions);
  const statements: D1PreparedStatement[] = [];
  for (const table of ['rollup_wave', 'published']) {
    statements.push(
      db.prepare(`DELETE FROM ${table}_responses WHERE town_id = ?`).bind(townId),
      db.prepare(`DELETE FROM ${table}_answers WHERE town_id = ?`).bind(townId),
      db.prepare(`DELETE FROM ${table}_dimensions WHERE town_id = ?`).bind(townId),
      db.prepare(`INSERT INTO ${table}_responses (wave_id, town_id, n, duplicates) VALUES ('public-w1', ?, ?, 0)`).bind(townId, size),
    );
    for (const q of questions) {
      const values =
        q.type === 'likert'
          ? ['1', '2', '3', '4', '5']
          : q.type === 'nps'
            ? Array.from({ length: 11 }, (_, i) => String(i))
            : q.type === 'single'
              ? (q.options ?? []).map((o) => o.id)
              : [];
      values.forEach((value, i) => {
        const n = Math.floor(size / values.length) + (i < size % values.length ? 1 : 0);
        statements.push(
          db
            .prepare(`INSERT INTO ${table}_answers (wave_id, town_id, question_id, value, n) VALUES ('public-w1', ?, ?, ?, ?)`)
            .bind(townId, q.id, value, n),
        );
      });
    }
    // Likert 1–5 spread evenly is a score of 50 on 0–100 with a standard deviation of about 35.
    for (const dimension of new Set(questions.filter((q) => q.type === 'likert' && q.dimension).map((q) => q.dimension!))) {
      statements.push(
        db
          .prepare(`INSERT INTO ${table}_dimensions (wave_id, town_id, dimension, n, sum, sum_squares) VALUES ('public-w1', ?, ?, ?, ?, ?)`)
          .bind(townId, dimension, size, size * 50, size * (50 * 50 + 35 * 35)),
      );
    }
  }
  // A new results version, as every submission makes: no cached result of the smaller sample survives.
  statements.push(
    db
      .prepare("INSERT INTO meta (key, value) VALUES ('results_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(`synthetic-${townId}-${size}`),
  );
  await db.batch(statements);
}
