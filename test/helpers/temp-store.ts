import { afterEach, beforeEach } from 'vitest';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import { freshDatabase, type FreshDatabase } from './postgres.js';
import { tempDir } from './temp-dir.js';

/**
 * A fresh real store for every test of the file; call at module level and read `.store` (and `.path`, to reopen
 * it) inside tests. SQLite in a temp folder, or with `STORE_ENGINE=postgres` a fresh schema on TEST_DATABASE_URL
 * (`databaseUrl`, null on SQLite).
 */
export function useTempStore(): { readonly store: Store; readonly path: string; readonly databaseUrl: string | null; reopen(): Promise<Store> } {
  let dir: ReturnType<typeof tempDir>;
  let database: FreshDatabase | null;
  let store: Store;
  const open = () => openStore({ dataDir: dir.path, synchronous: 'NORMAL', databaseUrl: database?.url });
  beforeEach(async () => {
    dir = tempDir();
    database = await freshDatabase();
    store = await open();
  });
  afterEach(async () => {
    // After a failed beforeEach this may be the previous test's store: closing twice is harmless.
    await store?.close();
    await database?.drop();
    dir.remove();
  });
  return {
    get store() {
      return store;
    },
    get path() {
      return dir.path;
    },
    get databaseUrl() {
      return database?.url ?? null;
    },
    async reopen() {
      await store.close();
      store = await open();
      return store;
    },
  };
}
