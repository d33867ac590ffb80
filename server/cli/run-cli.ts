import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { withEnvFile } from '../config/env-file.js';
import { backfillCommand } from './backfill-command.js';
import type { CliContext } from './cli-context.js';
import { commandName } from './command-name.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli-exit.js';
import { cliVersion } from './cli-version.js';
import { doctorCommand } from './doctor-command.js';
import { initCommand } from './init-command.js';
import { reconcileCommand } from './reconcile-command.js';
import { replayCommand } from './replay-command.js';
import { sendWebhookCommand } from './send-webhook-command.js';
import { serveCommand, type ServeOptions } from './serve-command.js';
import { statusCommand } from './status-command.js';
import { syncCommand } from './sync-command.js';

/** Help is wrapped at this many columns whatever the terminal, so docs/cli.md can hold it verbatim. */
const HELP_WIDTH = 100;

const EXIT_CODES_HELP = `
Exit codes: 0 done, 1 the work failed (a message says what), 2 the command was used wrongly.
Configuration comes from the environment, over a .env file in the working directory (docs/cli.md).
With TENANTS_FILE, every command but serve and doctor takes --tenant <id>.`;

/** The command tree: every command with its options and help; actions report their exit code to `ctx`. */
export function cliProgram(ctx: CliContext, serveOptions: ServeOptions = {}): Command {
  const program = new Command('centra-ometria')
    .description('Connects Centra to Ometria: the companion service and the commands to operate it.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .addHelpText('after', EXIT_CODES_HELP);
  program.addCommand(
    new Command('serve')
      .description('run the companion service (the default command; the sandbox when no credentials are set)')
      // As the default command it receives any unknown command's name: say that, not "too many arguments".
      .allowExcessArguments()
      .action(async (_opts: unknown, serve: Command) => {
        if (serve.args.length > 0) throw new UsageError(`unknown command "${serve.args[0]}" (see centra-ometria --help)`);
        ctx.exit(await serveCommand(loadConfig(ctx.env), serveOptions));
      }),
    { isDefault: true },
  );
  for (const command of [statusCommand, replayCommand, backfillCommand, reconcileCommand, syncCommand, doctorCommand, sendWebhookCommand, initCommand])
    program.addCommand(command(ctx));
  configureTree(program);
  return program;
}

/** Settings commander does not pass on to added commands: usage errors throw, help has one width. */
function configureTree(command: Command): void {
  command
    .exitOverride()
    .helpOption('-h, --help', 'print help for the command')
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ helpWidth: HELP_WIDTH, sortSubcommands: false });
  for (const sub of command.commands) configureTree(sub);
}

/**
 * Parses `argv` (without node and the script), runs the command and returns its exit code (docs/cli.md): 0 done,
 * 1 failed, 2 used wrongly. `envFile` (default ./.env) lies beneath `env`; a missing file is no error. `serve` carries
 * what the entry point composes for the serve command (the sandbox's start-up, which server/ never imports).
 */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  options: { envFile?: string; serve?: ServeOptions } = {},
): Promise<number> {
  let code = EXIT_OK;
  const command = commandName(argv);
  try {
    const ctx: CliContext = { env: withEnvFile(env, options.envFile ?? resolve('.env')), exit: (c) => (code = c) };
    await cliProgram(ctx, options.serve).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the help, the version or the usage error already.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n(add --help for usage)`);
      return EXIT_USAGE;
    }
    console.error(error instanceof ConfigError ? error.message : `centra-ometria ${command} failed: ${(error as Error).message}`);
    return EXIT_FAILURE;
  }
}
