import type { Db } from './open-database.js';

export interface PushLogEntry {
  at: number;
  record_type: string;
  records: number;
  status: number | null;
  request_id: string | null;
  accepted: number | null;
  rejected: number | null;
  error: string | null;
}

/** Every push request we made, for /status and the records-per-request figure. */
export function createPushLogStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO push_log (at, record_type, records, status, request_id, accepted, rejected, error)
    VALUES (@at, @record_type, @records, @status, @request_id, @accepted, @rejected, @error)`);
  return {
    add(entry: PushLogEntry): void {
      insert.run(entry);
    },
    recent(limit: number): PushLogEntry[] {
      return db.prepare(`SELECT * FROM push_log ORDER BY id DESC LIMIT ?`).all(limit) as PushLogEntry[];
    },
    /** Removes entries older than `before`, ms; the log is for operations, not an archive. */
    prune(before: number): void {
      db.prepare(`DELETE FROM push_log WHERE at < ?`).run(before);
    },
  };
}

export type PushLogStore = ReturnType<typeof createPushLogStore>;
