import type { Db } from './open-database.js';

/** Small named values that must survive restarts (poll watermarks, checkpoints). JSON-encoded. */
export function createKvStore(db: Db) {
  const get = db.prepare(`SELECT value FROM kv WHERE key = ?`);
  const put = db.prepare(`INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return {
    get<T>(key: string): T | undefined {
      const row = get.get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set(key: string, value: unknown): void {
      put.run(key, JSON.stringify(value));
    },
  };
}

export type KvStore = ReturnType<typeof createKvStore>;
