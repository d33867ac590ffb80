import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onTestFinished } from 'vitest';

/**
 * Which store engine the tests run on: SQLite unless `STORE_ENGINE=postgres` (`npm run test:postgres`), which needs
 * TEST_DATABASE_URL, a database the tests may create schemas in. Each test store gets its own schema, so tests
 * running side by side share the server and nothing else.
 */
export const storeEngine: 'sqlite' | 'postgres' = process.env.STORE_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * Schemas the tests create are named `t_<creation time, base 36 ms>_<random>`: the PostgreSQL run's global setup
 * drops leftovers older than an hour, and leaves alone those of a run going on beside it.
 */
export const TEST_SCHEMA_PATTERN = /^t_([0-9a-z]+)_[0-9a-f]+(_tenant_[a-z0-9_]+)?$/;

/** TEST_DATABASE_URL, or null when it is not set. */
export function testDatabaseUrlOrNull(): string | null {
  return process.env.TEST_DATABASE_URL || null;
}

/** TEST_DATABASE_URL; throws how to get one when missing. */
export function testDatabaseUrl(): string {
  const url = testDatabaseUrlOrNull();
  if (url) return url;
  throw new Error(
    'STORE_ENGINE=postgres needs TEST_DATABASE_URL, a PostgreSQL database the tests may create schemas in. ' +
      'Start one on loopback with `bash .ci/postgres.sh` (prints the URL), then ' +
      'TEST_DATABASE_URL=<that URL> npm run test:postgres',
  );
}

export interface FreshDatabase {
  /** TEST_DATABASE_URL with `options=-c search_path=<schema>`: what DATABASE_URL of a service under test gets. */
  url: string;
  schema: string;
  /** Drops the schema and everything in it. Gives up after a few seconds if a client still holds its locks. */
  drop(): Promise<void>;
}

let admin: pg.Pool | undefined;
function adminPool(base: string): pg.Pool {
  // Few connections, released when idle, so a test worker can exit without closing it.
  admin ??= new pg.Pool({ connectionString: base, max: 2, idleTimeoutMillis: 1_000, allowExitOnIdle: true });
  return admin;
}

/** A new empty schema on TEST_DATABASE_URL (`base`). */
export async function createTestSchema(base: string = testDatabaseUrl()): Promise<FreshDatabase> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminPool(base).query(`CREATE SCHEMA ${schema}`);
  return {
    url: withSearchPath(base, schema),
    schema,
    async drop() {
      const client = await adminPool(base).connect();
      try {
        await client.query(`SET lock_timeout = '5s'`);
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } catch {
        // A service under test still holds a lock: the next PostgreSQL run's global setup drops it.
      } finally {
        client.release();
      }
    },
  };
}

/** On PostgreSQL, a fresh schema for one store; null on SQLite (the caller uses a temp DATA_DIR instead). */
export async function freshDatabase(): Promise<FreshDatabase | null> {
  return storeEngine === 'postgres' ? createTestSchema() : null;
}

/**
 * The DATABASE_URL to give a service under test (a child process or an in-process stack): a fresh schema on
 * PostgreSQL, null on SQLite. Called inside a test, the schema is dropped when the test ends; called from a hook,
 * it is dropped by the run's global setup (pass `freshDatabase()`'s `drop` to an afterAll hook to drop it sooner).
 */
export async function freshDatabaseUrl(): Promise<string | null> {
  const database = await freshDatabase();
  if (!database) return null;
  try {
    onTestFinished(() => database.drop());
  } catch {
    // Not inside a test (beforeAll/beforeEach): left for the global setup.
  }
  return database.url;
}

/** `url` whose connections use `schema` (libpq's `options` parameter, which `pg` passes on). */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
