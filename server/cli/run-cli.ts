import { ConfigError, loadCentraAccess, loadConfig, type Config } from '../config/load-config.js';
import { doctorCommand } from './doctor-command.js';
import { ensureTenantSchema } from '../tenants/ensure-tenant-schema.js';
import { backfillCommand } from './backfill-command.js';
import { reconcileCommand } from './reconcile-command.js';
import { replayCommand } from './replay-command.js';
import { serveCommand, type ServeOptions } from './serve-command.js';
import { statusCommand } from './status-command.js';
import { syncCommand } from './sync-command.js';

const USAGE = `usage: centra-ometria <command>
  serve                                   run the companion service (default)
  replay <dead-letter-id>... | --all [--type order|contact]
                                          re-run the jobs behind dead letters and push them
  status                                  print backlog, dead letters and open alerts as JSON
  backfill [--since DATE] [--entities orders,customers,products]
                                          import history (orders newest first); resumes where it stopped
  reconcile [--days 7] [--no-repair] [--read-back N]
                                          compare Centra with Ometria, store findings, repair safe ones
  sync [products] [--incremental]         sync the product catalogue now (full by default)
  doctor [--json] [--schema FILE]         check the configured Centra's live schema: what works, what is degraded
  sync newsletter                         poll Centra's newsletter subscriptions now (sign-ups, unsubscribes)
With TENANTS_FILE, every command but serve takes --tenant <id>: it runs on that tenant's store and configuration.`;

const COMMANDS: ReadonlySet<string> = new Set(['serve', 'replay', 'status', 'backfill', 'reconcile', 'sync', 'doctor']);

/** docs/design.md D24: every command exits non-zero with a message on failure. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, serve: ServeOptions = {}): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    if (command === '--help' || command === 'help') {
      console.log(USAGE);
      return 0;
    }
    if (!COMMANDS.has(command)) {
      console.error(`centra-ometria: unknown command "${command}"\n${USAGE}`);
      return 2;
    }
    // Needs only Centra's endpoint and token: it is the first check of a going-live.
    if (command === 'doctor') return await doctorCommand(loadCentraAccess(env), rest);
    const loaded = loadConfig(env);
    if (command === 'serve') return await serveCommand(loaded, serve);
    const { tenant, args } = takeTenantOption(rest);
    const config = await tenantConfig(loaded, tenant);
    switch (command) {
      case 'replay':
        return await replayCommand(config, args);
      case 'status':
        return await statusCommand(config);
      case 'backfill':
        return await backfillCommand(config, args);
      case 'reconcile':
        return await reconcileCommand(config, args);
      case 'sync':
        return await syncCommand(config, args);
      default:
        throw new Error(`command "${command}" is listed but not dispatched`);
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `centra-ometria ${command} failed: ${(error as Error).message}`);
    return 1;
  }
}

/** `--tenant <id>` or `--tenant=<id>`, taken out so each command parses the rest as before. */
function takeTenantOption(args: string[]): { tenant: string | undefined; args: string[] } {
  const rest = [...args];
  const at = rest.findIndex((a) => a === '--tenant' || a.startsWith('--tenant='));
  if (at === -1) return { tenant: undefined, args: rest };
  const [option] = rest.splice(at, 1);
  const tenant = option!.includes('=') ? option!.slice('--tenant='.length) : rest.splice(at, 1)[0];
  if (!tenant) throw new ConfigError('--tenant needs a tenant id');
  return { tenant, args: rest };
}

/** The configuration a command runs with: the tenant's own with TENANTS_FILE (its schema created if missing). */
async function tenantConfig(config: Readonly<Config>, tenant: string | undefined): Promise<Readonly<Config>> {
  if (!config.tenants) {
    if (tenant !== undefined) throw new ConfigError('--tenant needs TENANTS_FILE: without it the deployment has one tenant');
    return config;
  }
  const ids = Object.keys(config.tenants);
  if (tenant === undefined) throw new ConfigError(`TENANTS_FILE is set: name the tenant with --tenant <id> (one of ${ids.join(', ')})`);
  const chosen = config.tenants[tenant];
  if (!chosen) throw new ConfigError(`--tenant ${tenant}: no such tenant in TENANTS_FILE (one of ${ids.join(', ')})`);
  await ensureTenantSchema(chosen);
  return chosen;
}
