import { alertFingerprint, catalogueAlert } from '../../alerts/alert-catalogue.js';
import type { Alerter } from '../../alerts/alerter.js';
import type { Logger } from '../../log/logger.js';
import type { KvStore } from '../../store/kv-store.js';
import type { CentraClient } from '../centra-client.js';
import { checkSchema, type CapabilityReport, type SchemaReport } from './check-schema.js';
import { documentedContractSchema } from './lean-contract.js';
import { fetchLiveSchema } from './live-schema.js';
import type { SchemaAdapter } from './schema-adapter.js';

/** Where the last check is kept for /status and `status` (kv, JSON). */
export const SCHEMA_CHECK_KEY = 'centra-schema-check';

export interface StoredSchemaCheck extends SchemaReport {
  checkedAt: string;
  /** Why introspection failed, when the report is built from the documented contract. */
  introspectionError?: string;
}

export interface SchemaCheckDeps {
  centra: CentraClient;
  adapter: SchemaAdapter;
  kv: KvStore;
  alerter: Alerter;
  logger: Logger;
  now: () => number;
}

/**
 * Introspects Centra, checks every registered document against what it has, and adopts the result: from now on
 * documents are built from fields the live schema has. When introspection is refused, only the fields the contract
 * documents are used until the next check. One alert per capability that is not OK; resolved when it is again.
 */
export async function runSchemaCheck(deps: SchemaCheckDeps): Promise<StoredSchemaCheck> {
  let schema;
  let introspectionError: string | undefined;
  try {
    schema = (await fetchLiveSchema(deps.centra)).schema;
  } catch (error) {
    introspectionError = (error as Error).message;
    deps.logger.warn({ err: error }, 'Centra introspection failed: using only the documented part of the contract until the next check');
    schema = documentedContractSchema();
  }
  const report = checkSchema(schema, introspectionError ? 'contract' : 'live');
  deps.adapter.adopt(schema, report);
  const stored: StoredSchemaCheck = { ...report, checkedAt: new Date(deps.now()).toISOString(), ...(introspectionError ? { introspectionError } : {}) };
  for (const capability of report.capabilities) await alertFor(deps, capability, report.source);
  // Stored last: a stored check is a finished one, alerts included.
  await deps.kv.set(SCHEMA_CHECK_KEY, stored);
  return stored;
}

async function alertFor(deps: SchemaCheckDeps, c: CapabilityReport, source: SchemaReport['source']): Promise<void> {
  if (c.state === 'ok') return deps.alerter.resolve(alertFingerprint('centra_schema', c));
  await deps.alerter.raise(catalogueAlert('centra_schema', { ...c, source }));
}
