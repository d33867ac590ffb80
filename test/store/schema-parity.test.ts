import { afterEach, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../server/store/migrate-postgres.js';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { POSTGRES_MIGRATIONS } from '../../server/store/migrations-postgres.js';
import { openDatabase } from '../../server/store/open-database.js';
import { createPostgresSql } from '../../server/store/sql/postgres-sql.js';
import { createTestSchema, testDatabaseUrlOrNull } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

const databaseUrl = testDatabaseUrlOrNull();

/** SQLite declared type → the PostgreSQL type migrations-postgres.ts translates it to. */
const POSTGRES_TYPE: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea', REAL: 'double precision' };

type Columns = Record<string, string[]>;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sqliteSchema(): { columns: Columns; indexes: string[] } {
  const dir = tempDir();
  const db = openDatabase(dir.path, { synchronous: 'NORMAL' });
  cleanups.push(
    () => dir.remove(),
    () => {
      db.close();
    },
  );
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).all() as Array<{ name: string }>;
  const columns: Columns = {};
  for (const { name } of tables) {
    const info = db.prepare(`SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?)`).all(name) as Array<{
      name: string;
      type: string;
      not_null: number;
      pk: number;
    }>;
    // A primary key column is NOT NULL on PostgreSQL whether declared or not.
    columns[name] = info.map((c) => `${c.name} ${POSTGRES_TYPE[c.type] ?? c.type}${c.not_null || c.pk ? ' not null' : ''}`).sort();
  }
  const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as Array<{ name: string }>)
    .map((r) => r.name)
    .sort();
  return { columns, indexes };
}

async function postgresSchema(): Promise<{ columns: Columns; indexes: string[] }> {
  const database = await createTestSchema(databaseUrl!);
  const sql = createPostgresSql({ connectionString: database.url, poolSize: 2 });
  cleanups.push(
    () => database.drop(),
    () => sql.close(),
  );
  await migratePostgres(sql);
  const rows = await sql.all<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
  );
  const columns: Columns = {};
  for (const r of rows) (columns[r.table_name] ??= []).push(`${r.column_name} ${r.data_type}${r.is_nullable === 'NO' ? ' not null' : ''}`);
  for (const list of Object.values(columns)) list.sort();
  // Explicit CREATE INDEX only: SQLite's counterparts of primary keys and UNIQUE columns have no SQL.
  const indexes = (
    await sql.all<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes i WHERE schemaname = current_schema()
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = to_regnamespace(current_schema()))`,
    )
  )
    .map((r) => r.name)
    .sort();
  return { columns, indexes };
}

describe.skipIf(databaseUrl === null)('the PostgreSQL schema mirrors the SQLite one', () => {
  it('has one migration per SQLite migration', () => {
    expect(POSTGRES_MIGRATIONS.length).toBe(MIGRATIONS.length);
  });

  it('has the same tables, columns (translated types, nullability) and indexes', async () => {
    const sqlite = sqliteSchema();
    const postgres = await postgresSchema();
    expect(Object.keys(postgres.columns).sort()).toEqual(Object.keys(sqlite.columns).sort());
    expect(postgres.columns).toEqual(sqlite.columns);
    expect(postgres.indexes).toEqual(sqlite.indexes);
  });
});
