import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config/load-config.js';
import { sandboxDataDir } from '../config/sandbox-location.js';
import { sqliteFile } from '../store/open-database.js';
import { ensureTenantSchema } from '../tenants/ensure-tenant-schema.js';
import { UsageError } from './cli-exit.js';

/**
 * The configuration a command runs with, parsed once: the tenant's own with TENANTS_FILE (its schema created if
 * missing), and in sandbox mode the running sandbox's store, as `serve` chose it.
 */
export async function commandConfig(env: Record<string, string | undefined>, tenant: string | undefined): Promise<Readonly<Config>> {
  const loaded = loadConfig(env);
  if (!loaded.tenants) {
    if (tenant !== undefined) throw new ConfigError('--tenant needs TENANTS_FILE: without it the deployment has one tenant');
    return sandboxStore(loaded);
  }
  const ids = Object.keys(loaded.tenants);
  if (tenant === undefined) throw new ConfigError(`TENANTS_FILE is set: name the tenant with --tenant <id> (one of ${ids.join(', ')})`);
  const chosen = loaded.tenants[tenant];
  if (!chosen) throw new ConfigError(`--tenant ${tenant}: no such tenant in TENANTS_FILE (one of ${ids.join(', ')})`);
  await ensureTenantSchema(chosen);
  return chosen;
}

/**
 * With no credentials `serve` runs the sandbox, whose SQLite store is DATA_DIR/sandbox: a command run beside it
 * reads that store, not an empty one at DATA_DIR. The sandbox's own file is the sign it has run (a PostgreSQL
 * store at DATABASE_URL is the same for both).
 */
function sandboxStore(config: Readonly<Config>): Readonly<Config> {
  if (config.mode !== 'sandbox' || config.DATABASE_URL !== undefined) return config;
  const dataDir = sandboxDataDir(config.DATA_DIR);
  return existsSync(sqliteFile(dataDir)) ? Object.freeze({ ...config, DATA_DIR: dataDir }) : config;
}

/** Commands that talk to Centra and Ometria refuse the sandbox, which has no credentials to give them. */
export function requireCredentials(config: Readonly<Config>, command: string, hint = ''): void {
  if (config.mode === 'sandbox') throw new UsageError(`${command} needs CENTRA_API_URL and OMETRIA_API_KEY${hint}`);
}
