import { defineConfig } from 'vitest/config';

// Tests that run in Node against the built worker served by workerd (scripts/local-server.ts):
// browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core; node tests run the command-line tools.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'test/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
