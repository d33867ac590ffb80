import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { leanContractSdl } from '../../../server/centra/schema/lean-contract.js';
import { contractPath } from '../../../server/package-root.js';

/**
 * `full`: the whole contract, guesses included. `lean`: the contract without every `# guessed` item, a stand-in
 * for a real Centra that has only what its docs name (CENTRA_SIM_SCHEMA).
 */
export type SimSchemaMode = 'full' | 'lean';

export const SIM_SCHEMA_MODES: readonly SimSchemaMode[] = ['full', 'lean'];

const cached = new Map<SimSchemaMode, GraphQLSchema>();

/** The served schema, read and built once per process and mode. */
export function simulatorSchema(mode: SimSchemaMode = 'full'): GraphQLSchema {
  let schema = cached.get(mode);
  if (!schema) {
    const sdl = readFileSync(contractPath('centra-integration.graphql'), 'utf8');
    schema = buildSchema(mode === 'lean' ? leanContractSdl(sdl) : sdl);
    cached.set(mode, schema);
  }
  return schema;
}
