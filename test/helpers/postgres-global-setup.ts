import pg from 'pg';
import { TEST_SCHEMA_PATTERN, testDatabaseUrl } from './postgres.js';

/** Schemas a crashed or interrupted run left behind, by age; a run beside this one keeps its younger ones. */
const LEFTOVER_AFTER_MS = 60 * 60 * 1000;

/** Global setup of `npm run test:postgres`: fails early without a database, and drops old test schemas. */
export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 't\\_%'`);
    for (const { name } of rows) {
      const created = TEST_SCHEMA_PATTERN.exec(name)?.[1];
      if (created === undefined || Date.now() - parseInt(created, 36) < LEFTOVER_AFTER_MS) continue;
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    }
  } finally {
    await client.end();
  }
}
