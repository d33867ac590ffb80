import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { contractPath } from '../../../package-root.js';

let cached: GraphQLSchema | undefined;

/** The contract SDL, read and built once per process. */
export function simulatorSchema(): GraphQLSchema {
  cached ??= buildSchema(readFileSync(contractPath('centra-integration.graphql'), 'utf8'));
  return cached;
}
