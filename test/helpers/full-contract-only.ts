import { it } from 'vitest';
import { simSchemaFromEnv } from './sim-schema-env.js';

/** The suite runs against a simulator serving the contract without its guessed items (`npm run test:lean`). */
export const leanCentra = simSchemaFromEnv() === 'lean';

/**
 * A test of a capability that a Centra without the contract's guessed items degrades by design
 * (docs/centra-setup.md, "Capabilities and their fallbacks"): skipped on that pass, where
 * test/integration/lean-centra.test.ts proves the degradation and its alert instead. `needs` names the items.
 */
export function itOnFullContract(needs: string, name: string, fn: () => Promise<void> | void, timeout?: number): void {
  (leanCentra ? it.skip : it)(`${name} [needs ${needs}]`, fn, timeout);
}
