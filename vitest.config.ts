import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { buildDataset } from './scripts/data/build-dataset.ts';
import { readDataFiles } from './scripts/data/read-files.ts';
import { datasetToSql } from './scripts/data/to-sql.ts';

// Tests run against a real D1 inside workerd, migrated by wrangler's own
// migrations and loaded with the real lists through the same SQL as `npm run db:load`.
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const TEST_TOKENS = [
  { name: 'test-admin', roles: ['editor', 'surveys', 'auditor'], sha256: sha256('test-admin-token') },
  { name: 'test-editor', roles: ['editor'], sha256: sha256('test-editor-token') },
  { name: 'test-auditor', roles: ['auditor'], sha256: sha256('test-auditor-token') },
  { name: 'test-surveys', roles: ['surveys'], sha256: sha256('test-surveys-token') },
];
// Test-only secrets of the local enterprise waves (ENTERPRISE_WAVE_SECRETS), new on every run, so that no test can
// depend on their value (a test that needs a known claim passes its own secret to claimHash).
const TEST_WAVE_SECRETS = {
  'enterprise-w1': randomBytes(32).toString('base64url'),
  'enterprise-w2': randomBytes(32).toString('base64url'),
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  const seed = datasetToSql(buildDataset(readDataFiles('./data')));
  return {
    plugins: [
      cloudflareTest({
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        // Test-only admin tokens, one per role and one with all (.dev.vars is git-ignored, so a clean clone has none).
        // The tokens are test-admin-token, test-editor-token, test-auditor-token and test-surveys-token.
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_SEED: seed,
            ADMIN_TOKENS: JSON.stringify(TEST_TOKENS),
            ENTERPRISE_WAVE_SECRETS: JSON.stringify(TEST_WAVE_SECRETS),
            // Many tests write straight into D1, around the worker, and read through it at once: the freshness
            // promise (N seconds) does not cover such a read, so the suite asks D1 for the versions on every read.
            // test/api/freshness.test.ts passes its own FRESHNESS_SECONDS; test/node/freshness-isolates.test.ts runs the default.
            FRESHNESS_SECONDS: '0',
          },
          // A second, empty D1 for test/db/waves-migration.test.ts, which migrates a database of the old schema step by step.
          d1Databases: ['MIGRATION_DB'],
        },
      }),
    ],
    // The same slim `z` as the deployed bundle (wrangler.toml [alias]), for our code and @hono/zod-openapi alike.
    resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./worker/lib/zod/index.ts', import.meta.url)) }] },
    test: {
      include: ['test/**/*.test.ts'],
      // Browser tests (a real Chromium) and node tests (the command-line tools) run in Node: vitest.browser.config.ts.
      exclude: ['test/browser/**', 'test/node/**'],
      setupFiles: ['./test/setup.ts'],
    },
  };
});
