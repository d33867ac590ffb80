import { defineConfig } from 'vitest/config';

const json = process.env.VITEST_JSON ? 'test-artifacts/vitest-faults.json' : undefined;

/** The fault and abuse suites: slower, separate processes; `npm run test:faults`. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
  },
});
