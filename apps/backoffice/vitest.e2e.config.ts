import { defineConfig } from 'vitest/config';

/** End-to-end: real Chromium on the built app, served by a real sync server on PGlite. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
