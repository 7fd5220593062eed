import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files start their own databases; on two cores, running them one at a time is fastest and steadiest.
    fileParallelism: false,
  },
});
