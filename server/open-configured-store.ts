import type { Config } from './config/load-config.js';
import { databaseFailure, dataDirFailure } from './start-up-error.js';
import { openStore, type OpenStoreOptions } from './store/open-store.js';
import type { Store } from './store/store.js';
import { ensureTenantSchema } from './tenants/ensure-tenant-schema.js';

/**
 * The store the config names, migrated: PostgreSQL at DATABASE_URL (the tenant's schema created if missing), else
 * SQLite under DATA_DIR. An unreachable database or an unwritable DATA_DIR throws a StartUpError saying what to fix.
 */
export async function openConfiguredStore(config: Readonly<Config>, backgroundCheckpoints?: OpenStoreOptions['backgroundCheckpoints']): Promise<Store> {
  try {
    await ensureTenantSchema(config);
    return await openStore({
      dataDir: config.DATA_DIR,
      synchronous: config.STORE_SYNCHRONOUS,
      databaseUrl: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      backgroundCheckpoints,
    });
  } catch (error) {
    throw (config.DATABASE_URL === undefined ? dataDirFailure(config.DATA_DIR, error) : databaseFailure(config.DATABASE_URL, error)) ?? error;
  }
}
