import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@berth/source'] },
  ssr: { resolve: { conditions: ['@berth/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'docs/**/*.test.ts',
      'benchmarks/**/*.test.ts',
    ],
    pool: 'threads',
    testTimeout: 60_000,
  },
});
