import { afterEach, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../server/store/migrate-postgres.js';
import { POSTGRES_MIGRATIONS } from '../../server/store/migrations-postgres.js';
import { createPostgresSql } from '../../server/store/sql/postgres-sql.js';
import type { Sql } from '../../server/store/sql/sql.js';
import { createTestSchema, testDatabaseUrlOrNull } from '../helpers/postgres.js';

const databaseUrl = testDatabaseUrlOrNull();

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function schema(): Promise<{ url: string; connect(): Sql }> {
  const database = await createTestSchema(databaseUrl!);
  cleanups.push(() => database.drop());
  return {
    url: database.url,
    connect() {
      const sql = createPostgresSql({ connectionString: database.url, poolSize: 2 });
      cleanups.push(() => sql.close());
      return sql;
    },
  };
}

describe.skipIf(databaseUrl === null)('PostgreSQL migrations', () => {
  it('migrate once when three replicas start at the same time', async () => {
    const target = await schema();
    const replicas = [target.connect(), target.connect(), target.connect()];
    await Promise.all(replicas.map((sql) => migratePostgres(sql)));
    const versions = await replicas[0]!.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    expect(await replicas[1]!.get('SELECT COUNT(*) AS n FROM jobs')).toEqual({ n: 0 });
  });

  it('apply only the migrations a schema lacks, in order', async () => {
    const sql = (await schema()).connect();
    await migratePostgres(sql, ['CREATE TABLE a (x BIGINT)']);
    await migratePostgres(sql, ['CREATE TABLE a (x BIGINT)', 'CREATE TABLE b (y BIGINT); INSERT INTO a VALUES (1)']);
    await migratePostgres(sql, ['CREATE TABLE a (x BIGINT)', 'CREATE TABLE b (y BIGINT); INSERT INTO a VALUES (1)']);
    expect(await sql.all('SELECT x FROM a')).toEqual([{ x: 1 }]);
    expect(await sql.all('SELECT version FROM schema_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('roll a failing migration back entirely', async () => {
    const sql = (await schema()).connect();
    await expect(migratePostgres(sql, ['CREATE TABLE a (x BIGINT); CREATE TABLE a (x BIGINT)'])).rejects.toThrow(/already exists/);
    expect(await sql.get(`SELECT to_regclass('a') AS a, to_regclass('schema_migrations') AS m`)).toEqual({ a: null, m: null });
  });

  it('refuse a schema newer than this build', async () => {
    const sql = (await schema()).connect();
    await migratePostgres(sql, ['SELECT 1', 'SELECT 2']);
    await expect(migratePostgres(sql, ['SELECT 1'])).rejects.toThrow(/newer than this build/);
  });
});
