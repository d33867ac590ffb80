import type { Sql } from './sql/sql.js';

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
export function createPushLogStore(sql: Sql) {
  return {
    async add(entry: PushLogEntry): Promise<void> {
      await sql.run(
        `
        INSERT INTO push_log (at, record_type, records, status, request_id, accepted, rejected, error)
        VALUES (@at, @record_type, @records, @status, @request_id, @accepted, @rejected, @error)`,
        { ...entry },
      );
    },
    recent(limit: number): Promise<PushLogEntry[]> {
      return sql.all<PushLogEntry>(`SELECT * FROM push_log ORDER BY id DESC LIMIT ?`, [limit]);
    },
    /**
     * Records sent in calls Ometria answered 2xx after `since`, ms, of one type (or all): when it is 1, an
     * asynchronous error can only be about that record (poll-push-errors.ts). Halving re-sends count twice, which
     * only makes the answer larger, never wrongly 1.
     */
    async recordsAcceptedSince(since: number, type: string | undefined): Promise<number> {
      const row = type
        ? await sql.get<{ n: number | null }>(`SELECT SUM(records) AS n FROM push_log WHERE at > ? AND status BETWEEN 200 AND 299 AND record_type = ?`, [
            since,
            type,
          ])
        : await sql.get<{ n: number | null }>(`SELECT SUM(records) AS n FROM push_log WHERE at > ? AND status BETWEEN 200 AND 299`, [since]);
      return Number(row?.n ?? 0);
    },
    /** Removes entries older than `before`, ms; the log is for operations, not an archive. */
    async prune(before: number): Promise<void> {
      await sql.run(`DELETE FROM push_log WHERE at < ?`, [before]);
    },
  };
}

export type PushLogStore = ReturnType<typeof createPushLogStore>;
