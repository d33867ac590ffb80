import { migratePostgres } from './migrate-postgres.js';
import { openDatabase } from './open-database.js';
import { createPostgresSql } from './sql/postgres-sql.js';
import { createSqliteSql } from './sql/sqlite-sql.js';
import type { Sql } from './sql/sql.js';
import { createStore, type Store } from './store.js';

export interface OpenStoreOptions {
  /** Folder of the SQLite file; unused when `databaseUrl` is set. */
  dataDir: string;
  /** SQLite only: NORMAL survives a process crash, FULL also a power loss (docs/design.md D19). */
  synchronous: 'NORMAL' | 'FULL';
  /** postgres:// URL: the store is PostgreSQL, shared by every replica on it (issue 9). */
  databaseUrl?: string | undefined;
  /** PostgreSQL only: connections this process keeps open at most (default: 10). */
  poolSize?: number | undefined;
}

/** Opens the store (SQLite under dataDir by default, PostgreSQL when databaseUrl is set) and migrates it. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  return createStore(await openSql(options));
}

async function openSql(options: OpenStoreOptions): Promise<Sql> {
  if (options.databaseUrl === undefined) {
    return createSqliteSql(openDatabase(options.dataDir, { synchronous: options.synchronous }));
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
