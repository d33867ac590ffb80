import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../../server/store/store.js';
import { tempDir } from './temp-dir.js';

/**
 * A fresh real SQLite store in a temp folder for every test of the file; call at module level and read
 * `.store` (and `.path`, to reopen it) inside tests.
 */
export function useTempStore(): { readonly store: Store; readonly path: string; reopen(): Store } {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = openStore(dir.path, { synchronous: 'NORMAL' });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });
  return {
    get store() {
      return store;
    },
    get path() {
      return dir.path;
    },
    reopen() {
      store.close();
      store = openStore(dir.path, { synchronous: 'NORMAL' });
      return store;
    },
  };
}
