import type { Config } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { openConfiguredStore } from '../open-configured-store.js';
import { createRuntime, type Runtime } from '../runtime.js';
import type { Store } from '../store/store.js';

/** A command's store and, built on first use, its runtime (clients, limiters, worker; nothing started). */
export interface CommandSession {
  config: Readonly<Config>;
  store: Store;
  runtime: () => Runtime;
}

/**
 * The one prelude of every command that touches the store: open it, hand it over, close it however the command
 * ends (a PostgreSQL pool left open would keep the process alive). Logs at warn unless LOG_LEVEL asks for more
 * detail: a command's own output is its report, info lines would drown it.
 */
export async function withSession<T>(config: Readonly<Config>, run: (session: CommandSession) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(config);
  let runtime: Runtime | undefined;
  try {
    return await run({
      config,
      store,
      runtime: () =>
        (runtime ??= createRuntime(config, store, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL), now: Date.now })),
    });
  } finally {
    await store.close();
  }
}
