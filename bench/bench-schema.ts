import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throwaway schema for one benchmark setup: its DATABASE_URL, and a drop for afterwards. The URL sets the
 * search_path and `synchronous_commit = on` for every connection, so an ack waits for its commit's WAL flush as on a
 * production server, whatever the test database's default (.ci/postgres.sh turns it off for CI speed).
 */
export async function benchSchema(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name} -c synchronous_commit=on`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await client.end();
    },
  };
}
