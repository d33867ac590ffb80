import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, sqliteFile } from '../../server/store/open-database.js';
import { openStore } from '../../server/store/open-store.js';
import { BACKSTOP_PAGES, SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from '../../server/store/wal-checkpointer.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

// SQLite only by nature: the WAL and its checkpoints are the embedded store's (issue 17).
const dirs: Array<{ remove: () => void }> = [];
const freshDir = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** About 4 MiB of new pages, far above SQLite's 1,000-page inline checkpoint, in commits of ~40 KiB. */
async function writePages(run: (text: string, params: unknown[]) => Promise<unknown>): Promise<void> {
  await run('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, blob BLOB)', []);
  for (let i = 0; i < 100; i++) await run('INSERT INTO filler (blob) VALUES (?)', [Buffer.alloc(40_000, i)]);
}

const fileBytes = (dataDir: string) => statSync(sqliteFile(dataDir)).size;

describe('WAL checkpoints on a worker thread', () => {
  it('the serving connection keeps only the backstop, and the thread copies committed pages into the database file', async () => {
    const dataDir = freshDir();
    const failures: Error[] = [];
    const store = await openStore({ dataDir, synchronous: 'NORMAL', backgroundCheckpoints: { onFailure: (e) => failures.push(e) } });
    try {
      expect(await store.sql.get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: BACKSTOP_PAGES });
      const before = fileBytes(dataDir);
      await writePages((text, params) => store.sql.run(text, params));
      // With checkpoints only at the 8,000-page backstop, the pages would stay in the WAL: the file grows only
      // when the thread copies them.
      await waitFor(() => fileBytes(dataDir) > before + 3_000_000, 'the checkpoint thread to copy the WAL into the database file', 5_000);
      expect(failures).toEqual([]);
    } finally {
      await store.close();
    }
    const reopened = new Database(sqliteFile(dataDir), { readonly: true });
    try {
      expect(reopened.prepare('SELECT COUNT(*) AS n FROM filler').get()).toEqual({ n: 100 });
    } finally {
      reopened.close();
    }
  });

  it('without it (a CLI command) SQLite checkpoints inside commits as usual', async () => {
    const store = await openStore({ dataDir: freshDir(), synchronous: 'NORMAL' });
    try {
      expect(await store.sql.get('PRAGMA wal_autocheckpoint')).toEqual({ wal_autocheckpoint: SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES });
    } finally {
      await store.close();
    }
  });

  it('a thread that cannot run is reported, and the store goes back to checkpointing inside commits', async () => {
    const dataDir = freshDir();
    const db = openDatabase(dataDir, { synchronous: 'NORMAL' });
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    try {
      const failed = new Promise<Error>((resolve) => {
        // No such file: the thread's connection refuses to open (fileMustExist).
        startWalCheckpointer(`${sqliteFile(dataDir)}-missing`, 'NORMAL', {
          onFailure: (error) => {
            db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
            resolve(error);
          },
        });
      });
      expect((await failed).message).toMatch(/unable to open|exited/);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES);
    } finally {
      db.close();
    }
  });

  it('says when it runs, counts its passes, and stop() ends the thread so the store closes cleanly', async () => {
    const dataDir = freshDir();
    const db = openDatabase(dataDir, { synchronous: 'NORMAL' });
    let started = 0;
    const checkpointer = startWalCheckpointer(sqliteFile(dataDir), 'NORMAL', {
      onFailure: (error) => {
        throw error;
      },
      // The service applies its heap sizing again here (a thread's start undoes it).
      onStarted: () => started++,
    });
    try {
      await waitFor(async () => (await checkpointer.stats()).passes >= 2, 'two checkpoint passes', 5_000);
      expect(started).toBe(1);
    } finally {
      await checkpointer.stop();
      db.close();
    }
    // The last connection closed checkpointed and removed the WAL: nothing of the thread's connection is left open.
    expect(() => statSync(`${sqliteFile(dataDir)}-wal`)).toThrow(/ENOENT/);
  });
});
