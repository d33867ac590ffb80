import { defineConfig } from 'vitest/config';

// VITEST_JSON (set by .ci/run) also writes a JSON report for the CI summary line.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/faults/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
  },
});
