import { ConfigError, loadConfig } from '../config/load-config.js';
import { backfillCommand } from './backfill-command.js';
import { reconcileCommand } from './reconcile-command.js';
import { replayCommand } from './replay-command.js';
import { serveCommand } from './serve-command.js';
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
  sync [products] [--incremental]         sync the product catalogue now (full by default)`;

/** decisions.md 24: every command exits non-zero with a message on failure. */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    if (command === '--help' || command === 'help') {
      console.log(USAGE);
      return 0;
    }
    const config = loadConfig(env);
    switch (command) {
      case 'serve':
        return await serveCommand(config);
      case 'replay':
        return await replayCommand(config, rest);
      case 'status':
        return await statusCommand(config);
      case 'backfill':
        return await backfillCommand(config, rest);
      case 'reconcile':
        return await reconcileCommand(config, rest);
      case 'sync':
        return await syncCommand(config, rest);
      default:
        console.error(`centra-ometria: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `centra-ometria ${command} failed: ${(error as Error).message}`);
    return 1;
  }
}
