import type { Sql } from './sql/sql.js';

/** Small named values that must survive restarts (poll watermarks, checkpoints). JSON-encoded. */
export function createKvStore(sql: Sql) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const row = await sql.get<{ value: string }>(`SELECT value FROM kv WHERE key = ?`, [key]);
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async set(key: string, value: unknown): Promise<void> {
      await sql.run(`INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, JSON.stringify(value)]);
    },
    /** Every key starting with `prefix`, in key order (a prefix compare, not LIKE: `_` is a LIKE wildcard). */
    async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
      const rows = await sql.all<{ key: string; value: string }>(`SELECT key, value FROM kv WHERE substr(key, 1, ?) = ? ORDER BY key`, [prefix.length, prefix]);
      return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T }));
    },
    /** Writes only if the key has no value yet; true when this caller wrote it. */
    async setIfAbsent(key: string, value: unknown): Promise<boolean> {
      return (await sql.run(`INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, [key, JSON.stringify(value)])).changes === 1;
    },
    /**
     * Writes `next` only if the value is still `expected`; true when this caller won. One statement, so of several
     * replicas that read the same value, exactly one moves it (a read-then-write transaction would not ensure that
     * under PostgreSQL's READ COMMITTED).
     */
    async compareAndSet(key: string, expected: unknown, next: unknown): Promise<boolean> {
      return (await sql.run(`UPDATE kv SET value = ? WHERE key = ? AND value = ?`, [JSON.stringify(next), key, JSON.stringify(expected)])).changes === 1;
    },
  };
}

export type KvStore = ReturnType<typeof createKvStore>;
