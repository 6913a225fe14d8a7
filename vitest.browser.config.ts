import { defineConfig } from 'vitest/config';

// Browser tests run in Node and drive Debian's Chromium (/usr/bin/chromium) with playwright-core
// against the built worker served by workerd (scripts/local-server.ts).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
