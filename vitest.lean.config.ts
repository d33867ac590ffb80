import { defineConfig } from 'vitest/config';

const json = process.env.VITEST_JSON ? 'test-artifacts/vitest-lean.json' : undefined;

/**
 * The integration suites again, against a Centra simulator serving the contract without its guessed items
 * (`npm run test:lean`, docs/centra-setup.md). Tests of capabilities that such a Centra degrades by design skip
 * themselves (test/helpers/full-contract-only.ts); lean-centra.test.ts proves each degradation instead.
 */
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts'],
    env: { CENTRA_SIM_SCHEMA: 'lean' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
  },
});
