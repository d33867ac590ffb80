import type { Config } from '../config/load-config.js';
import { createPostgresSql } from '../store/sql/postgres-sql.js';

/** Arbitrary first key of the advisory lock, beside the migrations' (7_240_901), so they cannot meet. */
const SCHEMA_LOCK = 7_240_902;

/**
 * Creates a tenant's PostgreSQL schema if it is missing, before its store is opened and migrated there (a
 * search_path naming a missing schema leaves nowhere to create tables). Replicas starting at once take an advisory
 * lock first: two concurrent CREATE SCHEMA IF NOT EXISTS can still collide on the catalogue. Nothing on SQLite.
 */
export async function ensureTenantSchema(config: Readonly<Config>): Promise<void> {
  const schema = config.tenant?.schema;
  if (schema === undefined || config.DATABASE_URL === undefined) return;
  const sql = createPostgresSql({ connectionString: config.DATABASE_URL, poolSize: 1 });
  try {
    await sql.transaction(async (tx) => {
      await tx.run('SELECT pg_advisory_xact_lock(?, hashtext(CAST(? AS TEXT)))', [SCHEMA_LOCK, schema]);
      // The name is checked to be [a-z0-9_] in server/config/tenant-store-location.ts: safe to quote in.
      await tx.run(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    });
  } finally {
    await sql.close();
  }
}
