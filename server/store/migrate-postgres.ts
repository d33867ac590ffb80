import { POSTGRES_MIGRATIONS } from './migrations-postgres.js';
import type { Sql } from './sql/sql.js';

/** Arbitrary first key of the advisory lock, so it cannot meet another application's locks on the database. */
const MIGRATION_LOCK = 7_240_901;

/**
 * Brings the schema in the connection's search_path up to POSTGRES_MIGRATIONS in one transaction. Several
 * replicas starting at once take an advisory lock first (keyed by the schema), so one migrates and the others
 * then find nothing left to do.
 */
export async function migratePostgres(sql: Sql, migrations: readonly string[] = POSTGRES_MIGRATIONS): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}, hashtext(current_schema()))`);
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      applied_at BIGINT NOT NULL
    )`);
    const current = (await tx.get<{ version: number }>('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations'))!.version;
    if (current > migrations.length) {
      throw new Error(`store schema version ${current} is newer than this build knows (${migrations.length}); upgrade the service`);
    }
    for (let version = current; version < migrations.length; version++) {
      // No parameters: sent as a simple query, which may hold several statements.
      await tx.run(migrations[version]!);
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [version + 1, Date.now()]);
    }
  });
}
