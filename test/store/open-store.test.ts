import { describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open-store.js';
import { storeEngine } from '../helpers/postgres.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

describe(`openStore (${storeEngine})`, () => {
  it('opens a migrated store on the engine the tests run on', async () => {
    expect(temp.store.dialect).toBe(storeEngine);
    expect(temp.databaseUrl === null).toBe(storeEngine === 'sqlite');
    expect(await temp.store.ping()).toBe(true);
    expect(await temp.store.sql.get('SELECT COUNT(*) AS n FROM jobs')).toEqual({ n: 0 });
  });

  it('finds what it wrote after a reopen', async () => {
    await temp.store.kv.set('k', 'v');
    const reopened = await temp.reopen();
    expect(await reopened.kv.get('k')).toBe('v');
  });

  it('fails to open an unreachable PostgreSQL server, and says why', async () => {
    // Port 1 on loopback: nothing listens there, so the refusal is immediate.
    await expect(openStore({ dataDir: temp.path, synchronous: 'NORMAL', databaseUrl: 'postgres://nobody:x@127.0.0.1:1/none' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
