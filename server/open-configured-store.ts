import type { Config } from './config/load-config.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

/** The store the config names: PostgreSQL at DATABASE_URL, else SQLite under DATA_DIR. */
export function openConfiguredStore(config: Readonly<Config>): Promise<Store> {
  return openStore({
    dataDir: config.DATA_DIR,
    synchronous: config.STORE_SYNCHRONOUS,
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
  });
}
