import type { Db } from './open-database.js';

/** What Ometria holds, as far as we know: the content hash of the last accepted push per record. */
export function createLedgerStore(db: Db) {
  const getStmt = db.prepare(`SELECT hash FROM ledger WHERE record_type = ? AND record_id = ?`);
  const putStmt = db.prepare(`
    INSERT INTO ledger (record_type, record_id, hash, pushed_at) VALUES (@type, @id, @hash, @now)
    ON CONFLICT (record_type, record_id) DO UPDATE SET hash = @hash, pushed_at = @now, push_count = push_count + 1`);
  return {
    hashOf(type: string, id: string): string | undefined {
      return (getStmt.get(type, id) as { hash: string } | undefined)?.hash;
    },
    record(type: string, id: string, hash: string, now: number): void {
      putStmt.run({ type, id, hash, now });
    },
    count(): number {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ledger`).get() as { n: number }).n;
    },
    /** Records accepted by Ometria after `since`, ms: the suspects of an asynchronous error. */
    pushedSince(since: number, type: string | undefined, limit: number): Array<{ record_type: string; record_id: string }> {
      return (type
        ? db.prepare(`SELECT record_type, record_id FROM ledger WHERE pushed_at > ? AND record_type = ? ORDER BY pushed_at DESC LIMIT ?`).all(since, type, limit)
        : db.prepare(`SELECT record_type, record_id FROM ledger WHERE pushed_at > ? ORDER BY pushed_at DESC LIMIT ?`).all(since, limit)) as Array<{ record_type: string; record_id: string }>;
    },
    recent(limit: number) {
      return db.prepare(`SELECT * FROM ledger ORDER BY pushed_at DESC LIMIT ?`).all(limit) as Array<{
        record_type: string; record_id: string; hash: string; pushed_at: number; push_count: number;
      }>;
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
