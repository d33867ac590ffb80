import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { GraphQLSchema } from 'graphql';
import { createCentraClient, type CentraClient } from '../centra/centra-client.js';
import { readLiveQuota, type QuotaRow } from '../centra/live-quota.js';
import { checkSchema, orderSyncWorks } from '../centra/schema/check-schema.js';
import { fetchLiveSchema, schemaFromIntrospectionJson } from '../centra/schema/live-schema.js';
import { refundSource } from '../centra/schema/refund-source.js';
import type { CentraAccess } from '../config/load-config.js';
import type { RateLimiter } from '../remote/rate-limiter.js';
import { formatDoctorReport, type DoctorReport } from './doctor-report.js';

/** Doctor sends two requests; Centra's own limiter is for the service, so none is booked here. */
const UNTHROTTLED: RateLimiter = { reserve: async () => 0, pauseUntil: async () => undefined, setLimits: () => undefined, windows: () => [] };

/**
 * `doctor [--json] [--schema FILE]`: introspects the configured Centra (or reads a saved introspection result),
 * checks every document the service can send, and says per capability what works. Exit 0 when order sync works.
 */
export async function doctorCommand(access: CentraAccess | undefined, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, schema: { type: 'string' } } });
  if (!values.schema && !access) {
    console.error('doctor needs CENTRA_API_URL and CENTRA_API_TOKEN (or --schema FILE with a saved introspection result)');
    return 2;
  }
  const client = access && createCentraClient({ ...access, limiter: UNTHROTTLED, now: Date.now });
  let schema: GraphQLSchema;
  let source: string;
  if (values.schema) {
    schema = schemaFromIntrospectionJson(JSON.parse(readFileSync(values.schema, 'utf8')));
    source = values.schema;
  } else {
    schema = (await fetchLiveSchema(client!)).schema;
    source = access!.url;
  }
  const check = checkSchema(schema, 'live');
  const report: DoctorReport = {
    source,
    orderSyncWorks: orderSyncWorks(check),
    capabilities: check.capabilities,
    refunds: refundSource(check),
    rateLimits: client && !values.schema ? await rateLimits(client) : undefined,
  };
  console.log(values.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
  return report.orderSyncWorks ? 0 : 1;
}

async function rateLimits(client: CentraClient): Promise<QuotaRow[] | string> {
  try {
    return (await readLiveQuota(client)).rows;
  } catch (error) {
    return `could not read rateLimits: ${(error as Error).message}`;
  }
}

