import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The SQL of `npm run db:load`, built from data/ by vitest.config.ts. */
      TEST_SEED: string[];
      /** An empty D1 of its own, for test/db/waves-migration.test.ts (vitest.config.ts). */
      MIGRATION_DB: D1Database;
    }
  }
}
