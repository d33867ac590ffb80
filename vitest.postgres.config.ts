import { defineConfig } from 'vitest/config';

// VITEST_JSON (set by .ci/run) also writes a JSON report for the CI summary line.
const json = process.env.VITEST_JSON ? 'test-artifacts/vitest-postgres.json' : undefined;

/**
 * The store-level and integration suites again, on PostgreSQL (issue 9): `npm run test:postgres`, with
 * TEST_DATABASE_URL from `.ci/postgres.sh`. Every test store is a fresh schema of that database. The three-replica
 * burst (test/faults/replicas.test.ts) runs here too: it only means something on PostgreSQL.
 */
export default defineConfig({
  test: {
    include: ['test/store/**/*.test.ts', 'test/server/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/faults/replicas.test.ts'],
    env: { STORE_ENGINE: 'postgres' },
    globalSetup: ['test/helpers/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
  },
});
