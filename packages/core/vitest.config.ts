import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: [
        'src/**/*.test.ts',
        'src/**/*.bench.ts',
        'src/**/index.ts',
        'src/testing/bench-data.ts',
      ],
      reporter: ['text-summary'],
      thresholds: { lines: 90 },
    },
    benchmark: { include: ['src/**/*.bench.ts'] },
  },
});
