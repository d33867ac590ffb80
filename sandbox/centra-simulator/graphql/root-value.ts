import type { RateLimitRow } from '../http/rate-limiter.js';
import { catalogueRoot } from './root-catalogue.js';
import { operationsRoot } from './root-operations.js';
import { salesRoot } from './root-sales.js';
import { setupRoot } from './root-setup.js';

/** graphql-js rootValue: Query and Mutation fields as functions of (args, context). */
export function makeRootValue(rateLimits: () => RateLimitRow[]): Record<string, unknown> {
  return { ...salesRoot, ...catalogueRoot, ...setupRoot, ...operationsRoot(rateLimits) };
}
