import { migratePostgres } from './migrate-postgres.js';
import { openDatabase, sqliteFile } from './open-database.js';
import { createPostgresSql } from './sql/postgres-sql.js';
import { createSqliteSql } from './sql/sqlite-sql.js';
import type { Sql } from './sql/sql.js';
import { createStore, type Store } from './store.js';
import { BACKSTOP_PAGES, SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES, startWalCheckpointer, type CheckpointerEvents } from './wal-checkpointer.js';

export interface OpenStoreOptions {
  /** Folder of the SQLite file; unused when `databaseUrl` is set. */
  dataDir: string;
  /** SQLite only: NORMAL survives a process crash, FULL also a power loss (docs/design.md D19). */
  synchronous: 'NORMAL' | 'FULL';
  /** postgres:// URL: the store is PostgreSQL, shared by every replica on it (issue 9). */
  databaseUrl?: string | undefined;
  /** PostgreSQL only: connections this process keeps open at most (default: 10). */
  poolSize?: number | undefined;
  /**
   * SQLite only: checkpoint the WAL on a worker thread instead of inside commits (wal-checkpointer.ts). For the
   * serving process, whose acks wait on commits; a CLI command keeps SQLite's inline checkpoints. `onFailure`
   * hears of a thread that failed, after inline checkpoints were restored; `onPassFailed` of passes that fail
   * while the thread goes on (a full disk).
   */
  backgroundCheckpoints?: CheckpointerEvents | undefined;
}

/** Opens the store (SQLite under dataDir by default, PostgreSQL when databaseUrl is set) and migrates it. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  return createStore(await openSql(options));
}

async function openSql(options: OpenStoreOptions): Promise<Sql> {
  if (options.databaseUrl === undefined) {
    const db = openDatabase(options.dataDir, { synchronous: options.synchronous });
    const sql = createSqliteSql(db);
    if (!options.backgroundCheckpoints) return sql;
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    const events = options.backgroundCheckpoints;
    const checkpointer = startWalCheckpointer(sqliteFile(options.dataDir), options.synchronous, {
      ...events,
      onFailure: (error) => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
        events.onFailure(error);
      },
    });
    return {
      ...sql,
      async close() {
        await checkpointer.stop();
        await sql.close();
      },
    };
  }
  const sql = createPostgresSql({ connectionString: options.databaseUrl, poolSize: options.poolSize });
  try {
    await migratePostgres(sql);
  } catch (error) {
    // Unreachable server or failed migration: do not leave the pool holding the process open.
    await sql.close();
    throw error;
  }
  return sql;
}
