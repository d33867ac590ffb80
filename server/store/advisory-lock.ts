import type { Sql } from './sql/sql.js';

/**
 * Serialises read-then-write sequences on the same keys across replicas on PostgreSQL, for rows that have no
 * unique index to conflict on (or whose outcome depends on what was read first). Call inside a transaction: the
 * locks hold until it ends. SQLite needs none: its transactions (BEGIN IMMEDIATE) already exclude every other
 * writer.
 */
export async function lockKeys(tx: Sql, scope: string, keys: readonly string[]): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  // One order for everyone, so two transactions locking overlapping keys cannot deadlock on them.
  for (const key of [...new Set(keys)].sort()) {
    await tx.run(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [`${scope}:${key}`]);
  }
}
