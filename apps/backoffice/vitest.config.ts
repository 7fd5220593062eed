import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 20_000,
    // One test starts a real sync server (PGlite in memory).
    hookTimeout: 60_000,
  },
});
