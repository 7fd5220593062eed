import { defineConfig } from 'vitest/config';

/** End-to-end suite: real Chromium, real sync server on PGlite, the built renderer. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
