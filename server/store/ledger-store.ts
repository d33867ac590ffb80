import { inLockOrder, multiRowText, statementChunks, valuesPlaceholders } from './sql/multi-row.js';
import type { Sql } from './sql/sql.js';

export interface LedgerRow {
  record_type: string;
  record_id: string;
  hash: string;
  pushed_at: number;
  push_count: number;
}

/** One record Ometria accepted: its id and the content hash it was pushed with. */
export interface AcceptedRecord {
  id: string;
  hash: string;
}

const recordManyText = multiRowText(
  (rowCount) => `
  INSERT INTO ledger (record_type, record_id, hash, pushed_at, push_count) VALUES ${valuesPlaceholders(rowCount, 5)}
  ON CONFLICT (record_type, record_id) DO UPDATE
  SET hash = excluded.hash, pushed_at = excluded.pushed_at, push_count = ledger.push_count + excluded.push_count`,
);

/** What Ometria holds, as far as we know: the content hash of the last accepted push per record. */
export function createLedgerStore(sql: Sql) {
  /**
   * The records of one accepted push, in few statements, in lock order: replicas may record overlapping pushes
   * (a customer's contact in two batches) at once. A record twice in the push is one row: the last hash, and a
   * push count as if each copy had been recorded in turn.
   */
  const recordMany = async (type: string, records: readonly AcceptedRecord[], now: number): Promise<void> => {
    const folded = new Map<string, { hash: string; copies: number }>();
    for (const r of records) {
      const seen = folded.get(r.id);
      folded.set(r.id, { hash: r.hash, copies: (seen?.copies ?? 0) + 1 });
    }
    for (const chunk of statementChunks(inLockOrder(folded)))
      await sql.run(
        recordManyText(chunk.length),
        chunk.flatMap(([id, r]) => [type, id, r.hash, now, r.copies]),
      );
  };

  return {
    async hashOf(type: string, id: string): Promise<string | undefined> {
      return (await sql.get<{ hash: string }>(`SELECT hash FROM ledger WHERE record_type = ? AND record_id = ?`, [type, id]))?.hash;
    },
    recordMany,
    /** Whether Ometria ever accepted this record from us. */
    async has(recordType: string, recordId: string): Promise<boolean> {
      return (await sql.get<{ one: number }>(`SELECT 1 AS one FROM ledger WHERE record_type = ? AND record_id = ?`, [recordType, recordId])) !== undefined;
    },
    /** One accepted record, by the same upsert as a push. */
    record: (type: string, id: string, hash: string, now: number): Promise<void> => recordMany(type, [{ id, hash }], now),
    async count(): Promise<number> {
      return (await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ledger`))!.n;
    },
    /** Records accepted by Ometria after `since`, ms: the suspects of an asynchronous error. */
    pushedSince(since: number, type: string | undefined, limit: number): Promise<Array<{ record_type: string; record_id: string }>> {
      return type
        ? sql.all(`SELECT record_type, record_id FROM ledger WHERE pushed_at > ? AND record_type = ? ORDER BY pushed_at DESC LIMIT ?`, [since, type, limit])
        : sql.all(`SELECT record_type, record_id FROM ledger WHERE pushed_at > ? ORDER BY pushed_at DESC LIMIT ?`, [since, limit]);
    },
    /** Ometria turned the record down after all (poll-push-errors.ts): it no longer counts as delivered. */
    async forget(type: string, id: string): Promise<void> {
      await sql.run(`DELETE FROM ledger WHERE record_type = ? AND record_id = ?`, [type, id]);
    },
    recent(limit: number): Promise<LedgerRow[]> {
      return sql.all<LedgerRow>(`SELECT * FROM ledger ORDER BY pushed_at DESC LIMIT ?`, [limit]);
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
