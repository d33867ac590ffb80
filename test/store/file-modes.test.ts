import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const mode = (path: string) => statSync(path).mode & 0o777;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(dataDir: string): Promise<Store> {
  const store = await openStore({ dataDir, synchronous: 'NORMAL' });
  cleanups.push(() => store.close());
  return store;
}

// SQLite only (PostgreSQL keeps no files here), so it runs the same on both passes.
describe('store files are private (issue 15)', () => {
  it('creates DATA_DIR and a tenant folder 0700, and the database, -wal and -shm files 0600', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const dataDir = join(dir.path, 'data');
    const tenantDir = join(dataDir, 'acme');
    const store = await open(tenantDir);
    await store.kv.set('written', true);
    const file = join(tenantDir, 'centra-ometria.sqlite');
    expect(existsSync(`${file}-wal`) && existsSync(`${file}-shm`)).toBe(true);
    expect({ data: mode(dataDir), tenant: mode(tenantDir) }).toEqual({ data: 0o700, tenant: 0o700 });
    expect({ db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) }).toEqual({ db: 0o600, wal: 0o600, shm: 0o600 });
  });

  it('tightens a world-readable store left by an earlier version when it opens it', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const dataDir = join(dir.path, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = join(dataDir, 'centra-ometria.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    await open(dataDir);
    expect({ data: mode(dataDir), db: mode(file) }).toEqual({ data: 0o700, db: 0o600 });
  });
});
