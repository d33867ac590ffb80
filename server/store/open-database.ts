import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** NORMAL: a committed write survives a process crash in WAL mode; FULL: also a power loss (decisions.md 19). */
  synchronous: 'NORMAL' | 'FULL';
}

export function openDatabase(dataDir: string, options: OpenOptions): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'centra-ometria.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('foreign_keys = ON');
  // Another process (the CLI) may hold the write lock briefly; wait instead of failing.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
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
