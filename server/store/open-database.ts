import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** NORMAL: a committed write survives a process crash in WAL mode; FULL: also a power loss (docs/design.md D19). */
  synchronous: 'NORMAL' | 'FULL';
}

/** Store folders: owner only (the store holds webhook bodies, emails and visitor ids; issue 15). */
export const DIR_MODE = 0o700;
/** The SQLite file and its -wal and -shm companions: owner read and write only. */
export const FILE_MODE = 0o600;

/** The SQLite file of the store under a DATA_DIR. */
export const sqliteFile = (dataDir: string): string => join(dataDir, 'centra-ometria.sqlite');

export function openDatabase(dataDir: string, options: OpenOptions): Db {
  const file = sqliteFile(dataDir);
  createPrivately(dataDir, file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('foreign_keys = ON');
  // Another process (the CLI) may hold the write lock briefly; wait instead of failing.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  // WAL mode has now created -wal and -shm; SQLite gives them the database file's mode, this makes sure of it.
  for (const companion of [`${file}-wal`, `${file}-shm`]) if (existsSync(companion)) tighten(companion, FILE_MODE);
  return db;
}

/**
 * Creates the folder (and any missing parent) 0700 and the database file 0600 before SQLite opens it: SQLite
 * creates -wal, -shm and journal files with the database file's mode, so those follow. A store made by an earlier
 * version, world-readable, is tightened on open; mkdir's mode is also narrowed by the umask, never widened.
 */
function createPrivately(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  tighten(dataDir, DIR_MODE);
  closeSync(openSync(file, 'a', FILE_MODE));
  tighten(file, FILE_MODE);
}

/** chmod, except on a path another user owns (a mounted volume): SQLite works there all the same. */
function tighten(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`store schema version ${current} is newer than this build knows (${MIGRATIONS.length}); upgrade the service`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
