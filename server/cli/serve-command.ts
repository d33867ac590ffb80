import type { Config } from '../config/load-config.js';
import { checkPortFree } from '../listen.js';
import { startService, startTenants, type StartSandbox } from '../main.js';
import { StartUpError } from '../start-up-error.js';

export interface ServeOptions {
  /** Needed in sandbox mode; the CLI entry supplies it (production code never imports the sandbox). */
  startSandbox?: StartSandbox | undefined;
}

/**
 * Runs until SIGTERM/SIGINT, then drains gracefully (stop intake, finish the batch in hand, close the store).
 * A failed start prints one line naming the cause and the fix and returns 1, with nothing left open.
 */
export async function serveCommand(config: Readonly<Config>, options: ServeOptions = {}): Promise<number> {
  let handle: { logger: { info(o: object, m: string): void }; close(): Promise<void> };
  try {
    handle = await start(config, options);
  } catch (error) {
    if (!(error instanceof StartUpError)) throw error;
    console.error(`centra-ometria serve: ${error.message}`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      handle.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await handle.close();
  return 0;
}

async function start(config: Readonly<Config>, options: ServeOptions) {
  if (config.tenants) return startTenants(config);
  if (config.mode !== 'sandbox') return startService(config);
  if (!options.startSandbox)
    throw new StartUpError(
      'no credentials are set and this entry point has no sandbox: set CENTRA_API_URL, CENTRA_API_TOKEN, CENTRA_WEBHOOK_SECRET and OMETRIA_API_KEY, or run the centra-ometria command',
    );
  // The sandbox loads and starts its simulators and empties its store before the service binds: a port in use
  // (often a sandbox already running) must fail before that, in well under 2 s, and leave that sandbox's store alone.
  await checkPortFree(config.PORT, config.HOST);
  return options.startSandbox(config);
}
