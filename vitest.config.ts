import { defineConfig } from 'vitest/config';

// Integration tests drive real Chromium on a 2-core machine: run test files one at a
// time so that timings stay within the per-page bounds the tests rely on.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/temp-root.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
