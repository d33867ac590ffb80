import { SIM_SCHEMA_MODES, type SimSchemaMode } from '../../sandbox/centra-simulator/index.js';

/**
 * The contract the test stacks' Centra simulator serves: CENTRA_SIM_SCHEMA=lean runs a suite against the contract
 * without its guesses (default full). A typo stops the run rather than silently testing the full contract.
 */
export function simSchemaFromEnv(env: NodeJS.ProcessEnv = process.env): SimSchemaMode {
  const value = env.CENTRA_SIM_SCHEMA ?? 'full';
  if (!(SIM_SCHEMA_MODES as readonly string[]).includes(value)) {
    throw new Error(`CENTRA_SIM_SCHEMA must be one of ${SIM_SCHEMA_MODES.join(', ')}, not ${value}`);
  }
  return value as SimSchemaMode;
}
