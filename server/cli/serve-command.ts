import type { Config } from '../config/load-config.js';
import { startSandbox, startService, startTenants } from '../main.js';

/** Runs until SIGTERM/SIGINT, then drains gracefully (stop intake, finish the batch in hand, close the store). */
export async function serveCommand(config: Readonly<Config>): Promise<number> {
  const handle = config.tenants ? await startTenants(config) : config.mode === 'sandbox' ? await startSandbox(config) : await startService(config);
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
