import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CENTRA_DOCUMENTS } from '../server/centra/documents/registry.js';
import { buildOrdersQuery } from '../server/centra/orders/fetch-orders.js';
import { contractPath } from '../server/package-root.js';

const schema = buildSchema(readFileSync(contractPath('centra-integration.graphql'), 'utf8'));
const errorsOf = (query: string) => validate(schema, parse(query)).map((e) => e.message);
const operationName = (query: string) => /^\s*query\s+(\w+)/.exec(query)?.[1];

describe('every registered Centra document validates against the Integration API contract', () => {
  it.each(CENTRA_DOCUMENTS.map((d) => [d.name, d] as const))('%s', (_name, doc) => {
    expect(errorsOf(doc.sample())).toEqual([]);
  });

  it('a batch of 50 orders by aliases is valid too', () => {
    expect(errorsOf(buildOrdersQuery(Array.from({ length: 50 }, (_, i) => 1000 + i)))).toEqual([]);
  });

  it('names each document by its operation, once', () => {
    expect(CENTRA_DOCUMENTS.map((d) => operationName(d.sample()))).toEqual(CENTRA_DOCUMENTS.map((d) => d.name));
    expect(new Set(CENTRA_DOCUMENTS.map((d) => d.name)).size).toBe(CENTRA_DOCUMENTS.length);
  });

  it('rejects a query with a field the contract does not have, so the check can fail', () => {
    expect(errorsOf('query { orders { id numberr } }')).not.toEqual([]);
  });
});
