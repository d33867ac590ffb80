import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { EnvSchema } from './config-schema.js';
import { tenantStoreLocation, type TenantStoreLocation } from './tenant-store-location.js';

/** Lower-case so the id is the same in a URL path, a folder name and a PostgreSQL schema name. */
export const TENANT_ID = /^[a-z0-9-]{1,40}$/;

/** Variables of the whole process (one listener, one log, one connection budget): set in the environment only. */
const PROCESS_VARIABLES: ReadonlySet<string> = new Set(['PORT', 'HOST', 'LOG_LEVEL', 'DATABASE_POOL_SIZE', 'TENANTS_FILE']);

/** A value may be written as JSON (a number, a boolean, the object of a JSON variable): it is read as its text. */
const TenantsFile = z.strictObject({
  tenants: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())]))),
});

/** What a tenant's parsed configuration must say for the checks across tenants. */
interface ParsedTenant {
  mode: string;
  DATA_DIR: string;
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_SIZE: number;
  CENTRA_WEBHOOK_SECRET?: string | undefined;
}

export interface LoadedTenant<T> {
  id: string;
  config: T;
  location: TenantStoreLocation;
}

/**
 * Reads TENANTS_FILE: each tenant's configuration is `parse` (the one environment schema) of the base environment
 * with the tenant's variables over it, so every variable is validated and documented once. Errors name the file,
 * the tenant and the variable.
 */
export function loadTenants<T extends ParsedTenant>(
  path: string,
  baseEnv: Readonly<Record<string, string>>,
  parse: (env: Record<string, string>) => T,
): Array<LoadedTenant<T>> {
  const where = `TENANTS_FILE ${path}`;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${where} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${where} is not valid JSON (${(error as Error).message})`);
  }
  const file = TenantsFile.safeParse(json);
  if (!file.success) {
    const issue = file.error.issues[0]!;
    throw new ConfigError(
      `Invalid configuration: ${where} must be {"tenants":{"<id>":{"<VARIABLE>":"value",…}}}; at ${issue.path.join('.') || 'the top'}: ${issue.message}`,
    );
  }
  const entries = Object.entries(file.data.tenants);
  if (entries.length === 0) throw new ConfigError(`Invalid configuration: ${where} lists no tenants`);

  const { TENANTS_FILE: _file, ...inherited } = baseEnv;
  const tenants = entries.map(([id, variables]): LoadedTenant<T> => {
    const fail = (problem: string) => new ConfigError(`Invalid configuration of tenant "${id}" in ${where}:\n  ${problem}`);
    if (!TENANT_ID.test(id)) throw fail(`the tenant id must be 1 to 40 of a-z, 0-9 and "-" (it is a URL path segment and a schema name)`);
    const overrides: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables)) {
      if (PROCESS_VARIABLES.has(name)) throw fail(`${name}: is set for the whole process, in the environment, not per tenant`);
      if (!(name in EnvSchema.shape)) throw fail(`${name}: is not a variable of this service (see docs/configuration.md)`);
      overrides[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    let config: T;
    try {
      config = parse({ ...inherited, ...overrides });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The single-tenant message, re-headed with the tenant: its lines already name the variable.
      throw fail(error.message.replace(/^Invalid configuration:\s*/, '').replace(/\n\s*/g, '\n  '));
    }
    if (config.mode !== 'production') {
      throw fail(
        'CENTRA_API_URL and OMETRIA_API_KEY: must be set (each tenant runs against its own Centra and Ometria; the sandbox runs without TENANTS_FILE)',
      );
    }
    return { id, config, location: tenantStoreLocation(config, id, entries.length) };
  });

  // One secret for two tenants would let a delivery signed for one be accepted by the other.
  const bySecret = new Map<string, string>();
  for (const { id, config } of tenants) {
    const other = bySecret.get(config.CENTRA_WEBHOOK_SECRET!);
    if (other)
      throw new ConfigError(`Invalid configuration in ${where}: tenants "${other}" and "${id}" have the same CENTRA_WEBHOOK_SECRET; give each its own`);
    bySecret.set(config.CENTRA_WEBHOOK_SECRET!, id);
  }
  return tenants;
}
