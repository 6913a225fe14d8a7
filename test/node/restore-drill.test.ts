import { beforeAll, describe, expect, it } from 'vitest';
import { prepareBackup } from '../../scripts/backup-prepare.ts';
import { compare, type DrillReport, runRestoreDrill } from '../../scripts/restore-drill.ts';

/**
 * Issue 15, "nothing lost when something goes wrong": the restore path of docs/OPERATIONS.md, run for real.
 * scripts/restore-drill.ts writes responses and admin events through the API, exports the local D1 with
 * `wrangler d1 export`, restores the file into a fresh D1 with `wrangler d1 execute --file`, and reads both.
 */
describe('restore drill (npm run drill:restore)', () => {
  let report: DrillReport;
  beforeAll(async () => {
    report = await runRestoreDrill();
  }, 120_000);

  it('finds no difference between the source and the restored database', () => {
    expect(report.problems).toEqual([]);
  });

  it('restored every table with the same rows, the written ones included', () => {
    const { source, restored } = report;
    expect(Object.keys(restored.tables)).toEqual(Object.keys(source.tables));
    for (const [name, table] of Object.entries(source.tables)) {
      if (name === 'daily_salts') continue;
      expect(restored.tables[name], name).toEqual(table);
    }
    // What the drill wrote is there, so the equality above is about real rows: 15 public and 3 enterprise responses,
    // 3 claims, the import's audit entries and idempotency record.
    expect(restored.tables.responses!.rows).toBe(18);
    expect(restored.tables.enterprise_claims!.rows).toBe(3);
    expect(restored.tables.audit_log!.rows).toBeGreaterThanOrEqual(3);
    expect(restored.tables.admin_idempotency!.rows).toBeGreaterThanOrEqual(1);
  });

  it("left the day's salt out of the copy, and only that", () => {
    expect(report.source.tables.daily_salts!.rows).toBeGreaterThan(0);
    expect(report.dump.saltRowsRemoved).toBe(report.source.tables.daily_salts!.rows);
    expect(report.restored.tables.daily_salts!.rows).toBe(0);
  });

  it('replays the change feed equal, with the imported notice in it', () => {
    expect(report.restored.feed).toEqual(report.source.feed);
    const lists = report.restored.feed.filter((c: any) => c.entity === 'list').map((c: any) => c.id);
    expect(lists).toContain('restore-drill-list');
  });

  it('has every rollup equal to its recount from the raw responses, final and published', () => {
    for (const facts of [report.source, report.restored]) {
      const { final, published } = facts.rollups;
      expect(final.rolledResponses).toEqual(final.responses);
      expect(final.rolledAnswers).toEqual(final.answers);
      expect(final.rolledDimensions).toEqual(final.dimensions);
      expect(published.rolledResponses).toEqual(published.responses);
      expect(published.rolledAnswers).toEqual(published.answers);
      expect(published.rolledDimensions).toEqual(published.dimensions);
      expect(facts.listCountsOff).toEqual([]);
    }
    // Both surveys were counted, and the town with 12 public responses published its step at 10.
    expect(report.restored.rollups.final.responses.map((r: any) => r.w)).toEqual(expect.arrayContaining(['public-w1', 'enterprise-w2']));
    expect(report.restored.rollups.published.rolledResponses).toContainEqual({ w: 'public-w1', t: 'beijing-changgouzhen', n: 10 });
  });

  it('serves the same published results, and still refuses an enterprise a second answer', () => {
    expect(report.restored.satisfaction).toEqual(report.source.satisfaction);
    expect(report.secondEnterpriseAnswer).toBe(409);
  });

  it('moves the feed on past every seq served before the restore, so no data version is reused', () => {
    const lastServed = Math.max(...report.source.feed.map((c: any) => c.seq));
    expect(report.sequence.movedTo).toBeGreaterThan(lastServed);
    expect(report.sequence.nextWrite).toBeGreaterThan(report.sequence.movedTo);
  });

  it('would see a lost row, a lost change, a rollup off its recount and a salt that came back', () => {
    const broken = structuredClone(report.restored);
    broken.tables.responses = { ...broken.tables.responses!, rows: broken.tables.responses!.rows - 1 };
    broken.tables.daily_salts = { ...broken.tables.daily_salts!, rows: 1 };
    broken.feed = broken.feed.slice(1);
    broken.rollups.final.rolledAnswers = broken.rollups.final.rolledAnswers.slice(1);
    expect(compare(report.source, broken)).toEqual([
      'table daily_salts was restored (1 rows) though the runbook takes it out',
      'table responses: 18 rows in the source, 17 restored',
      `the change feed differs: ${report.source.feed.length} changes in the source, ${report.source.feed.length - 1} restored`,
      'restored: rollup answer counts differ from the recount',
    ]);
  });

  it('prepares a dump: every table before the first row, the salt left out, everything else in its order', () => {
    const dump = [
      'PRAGMA defer_foreign_keys=TRUE;',
      'CREATE TABLE `memberships` (\n\t`list_id` text REFERENCES `lists`(`id`)\n);',
      `INSERT INTO "memberships" VALUES('l1');`,
      'CREATE TABLE `daily_salts` (`day` text PRIMARY KEY, `salt` text);',
      `INSERT INTO "daily_salts" VALUES('2026-11-26','ab');`,
      'CREATE TABLE `lists` (\n\t`id` text PRIMARY KEY\n);',
      `INSERT INTO "lists" VALUES('l1');`,
      'CREATE TRIGGER t AFTER INSERT ON lists BEGIN\n  SELECT 1;\nEND;',
    ].join('\n');
    const prepared = prepareBackup(dump);
    expect(prepared).toMatchObject({ saltRowsRemoved: 1, tables: 3 });
    expect(prepared.sql).toBe(
      [
        'PRAGMA defer_foreign_keys=TRUE;',
        'CREATE TABLE `memberships` (\n\t`list_id` text REFERENCES `lists`(`id`)\n);',
        'CREATE TABLE `daily_salts` (`day` text PRIMARY KEY, `salt` text);',
        'CREATE TABLE `lists` (\n\t`id` text PRIMARY KEY\n);',
        `INSERT INTO "memberships" VALUES('l1');`,
        `INSERT INTO "lists" VALUES('l1');`,
        'CREATE TRIGGER t AFTER INSERT ON lists BEGIN\n  SELECT 1;\nEND;',
      ].join('\n'),
    );
  });
});
