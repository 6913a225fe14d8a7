import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { buildDataset } from './scripts/data/build-dataset.ts';
import { readDataFiles } from './scripts/data/read-files.ts';
import { datasetToSql } from './scripts/data/to-sql.ts';

// Tests run against a real D1 inside workerd, migrated by wrangler's own
// migrations and loaded with the real lists through the same SQL as `npm run db:load`.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  const seed = datasetToSql(buildDataset(readDataFiles('./data')));
  return {
    plugins: [
      cloudflareTest({
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        // A test-only admin token: .dev.vars is git-ignored, so a clean clone has none.
        miniflare: { bindings: { TEST_MIGRATIONS: migrations, TEST_SEED: seed, ADMIN_TOKEN: 'test-admin-token' } },
      }),
    ],
    test: {
      include: ['test/**/*.test.ts'],
      // Browser tests run in Node against a real Chromium: vitest.browser.config.ts.
      exclude: ['test/browser/**'],
      setupFiles: ['./test/setup.ts'],
    },
  };
});
