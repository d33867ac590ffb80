import { freshDatabase } from './postgres.js';

export interface TestDatabase {
  /** `{ DATABASE_URL }` for a service's environment on PostgreSQL; empty on SQLite (DATA_DIR alone). */
  env: Record<string, string>;
  /** `openStore`'s databaseUrl: undefined on SQLite. */
  url: string | undefined;
  /** Drops the database once nothing uses it any more; nothing to do on SQLite. */
  drop(): Promise<void>;
}

/**
 * Where one more service or store under test keeps its data: on the PostgreSQL pass a database (schema) of its own,
 * so no test sees another's rows and a restart on the same variables finds its own; on SQLite, nothing.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const database = await freshDatabase();
  return {
    env: database ? { DATABASE_URL: database.url } : {},
    url: database?.url,
    drop: async () => database?.drop(),
  };
}
