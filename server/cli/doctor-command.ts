import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { GraphQLSchema } from 'graphql';
import { createCentraClient, type CentraClient } from '../centra/centra-client.js';
import { readLiveQuota, type QuotaRow } from '../centra/live-quota.js';
import { checkSchema, orderSyncWorks } from '../centra/schema/check-schema.js';
import { fetchLiveSchema, schemaFromIntrospectionJson } from '../centra/schema/live-schema.js';
import { refundSource } from '../centra/schema/refund-source.js';
import { loadCentraAccess, type CentraAccess } from '../config/load-config.js';
import type { RateLimiter } from '../remote/rate-limiter.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-exit.js';
import { formatDoctorReport, type DoctorReport } from './doctor-report.js';
import { printResult } from './print-result.js';

/** Doctor sends two requests; Centra's own limiter is for the service, so none is booked here. */
export const UNTHROTTLED: RateLimiter = {
  reserve: async () => 0,
  release: async () => undefined,
  pauseUntil: async () => undefined,
  setLimits: () => undefined,
  windows: () => [],
};

/**
 * `doctor [--json] [--schema FILE]`: introspects the configured Centra (or reads a saved introspection result),
 * checks every document the service can send, and says per capability what works. Exit 0 when order sync works.
 * Needs only Centra's endpoint and token: it is the first check of a going-live.
 */
export function doctorCommand(ctx: CliContext): Command {
  return new Command('doctor')
    .description("check the configured Centra's live schema: what works, what is degraded; exit 1 when orders cannot sync")
    .option('--json', 'print the report as JSON')
    .option('--schema <file>', 'read a saved introspection result instead of asking Centra')
    .action(async (opts: { json?: boolean; schema?: string }) => {
      const access = loadCentraAccess(ctx.env);
      if (!opts.schema && !access)
        throw new UsageError('doctor needs CENTRA_API_URL and CENTRA_API_TOKEN (or --schema FILE with a saved introspection result)');
      const report = await runDoctor(access, opts.schema);
      printResult(opts.json, report, formatDoctorReport);
      ctx.exit(report.orderSyncWorks ? 0 : 1);
    });
}

/** Checks the live schema at `access`, or the introspection result in `schemaFile`. */
export async function runDoctor(access: CentraAccess | undefined, schemaFile?: string): Promise<DoctorReport> {
  const client = access && createCentraClient({ ...access, limiter: UNTHROTTLED, now: Date.now });
  let schema: GraphQLSchema;
  let source: string;
  if (schemaFile) {
    schema = schemaFromIntrospectionJson(JSON.parse(readFileSync(schemaFile, 'utf8')));
    source = schemaFile;
  } else {
    schema = (await fetchLiveSchema(client!)).schema;
    source = access!.url;
  }
  const check = checkSchema(schema, 'live');
  return {
    source,
    orderSyncWorks: orderSyncWorks(check),
    capabilities: check.capabilities,
    refunds: refundSource(check),
    rateLimits: client && !schemaFile ? await rateLimits(client) : undefined,
  };
}

async function rateLimits(client: CentraClient): Promise<QuotaRow[] | string> {
  try {
    return (await readLiveQuota(client)).rows;
  } catch (error) {
    return `could not read rateLimits: ${(error as Error).message}`;
  }
}
