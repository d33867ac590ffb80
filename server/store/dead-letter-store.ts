import { lockKeys } from './advisory-lock.js';
import type { Sql } from './sql/sql.js';

export interface DeadLetter {
  id: number;
  created_at: number;
  updated_at: number;
  job_kind: string;
  entity_key: string;
  record_type: string | null;
  record_id: string | null;
  record: string | null;
  reason: string;
  response: string | null;
  occurrences: number;
  state: 'open' | 'replayed';
  replayed_at: number | null;
}

export interface NewDeadLetter {
  jobKind: string;
  entityKey: string;
  recordType?: string;
  recordId?: string;
  record?: unknown;
  reason: string;
  response?: unknown;
}

/** Rejected work with its reason, kept until a person replays it (docs/design.md D34). One open letter per record. */
export function createDeadLetterStore(sql: Sql) {
  return {
    add(letter: NewDeadLetter, now: number): Promise<number> {
      const row = {
        now,
        jobKind: letter.jobKind,
        entityKey: letter.entityKey,
        recordType: letter.recordType ?? null,
        recordId: letter.recordId ?? null,
        record: letter.record === undefined ? null : JSON.stringify(letter.record),
        reason: letter.reason,
        response: letter.response === undefined ? null : JSON.stringify(letter.response),
      };
      // Two letters for one record arriving together (two replicas, or two jobs of one) bump one row, not open two.
      return sql.transaction(async (tx) => {
        await lockKeys(tx, 'dead-letter', [JSON.stringify([row.jobKind, row.entityKey, row.recordType ?? '', row.recordId ?? ''])]);
        const existing = await tx.get<{ id: number }>(
          `
          SELECT id FROM dead_letters
          WHERE state = 'open' AND job_kind = ? AND entity_key = ? AND COALESCE(record_type, '') = ? AND COALESCE(record_id, '') = ?`,
          [row.jobKind, row.entityKey, row.recordType ?? '', row.recordId ?? ''],
        );
        if (existing) {
          await tx.run(
            `
            UPDATE dead_letters SET occurrences = occurrences + 1, updated_at = @now, reason = @reason, record = @record, response = @response
            WHERE id = @id`,
            { now, reason: row.reason, record: row.record, response: row.response, id: existing.id },
          );
          return existing.id;
        }
        const inserted = await tx.get<{ id: number }>(
          `
          INSERT INTO dead_letters (created_at, updated_at, job_kind, entity_key, record_type, record_id, record, reason, response)
          VALUES (@now, @now, @jobKind, @entityKey, @recordType, @recordId, @record, @reason, @response)
          RETURNING id`,
          row,
        );
        return inserted!.id;
      });
    },
    get(id: number): Promise<DeadLetter | undefined> {
      return sql.get<DeadLetter>(`SELECT * FROM dead_letters WHERE id = ?`, [id]);
    },
    listOpen(recordType?: string): Promise<DeadLetter[]> {
      return recordType
        ? sql.all<DeadLetter>(`SELECT * FROM dead_letters WHERE state = 'open' AND (record_type = ? OR job_kind = ?) ORDER BY id`, [recordType, recordType])
        : sql.all<DeadLetter>(`SELECT * FROM dead_letters WHERE state = 'open' ORDER BY id`);
    },
    async markReplayed(id: number, now: number): Promise<void> {
      await sql.run(`UPDATE dead_letters SET state = 'replayed', replayed_at = ?, updated_at = ? WHERE id = ?`, [now, now, id]);
    },
    async countOpen(): Promise<number> {
      return (await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM dead_letters WHERE state = 'open'`))!.n;
    },
    recent(limit: number): Promise<DeadLetter[]> {
      return sql.all<DeadLetter>(`SELECT * FROM dead_letters ORDER BY updated_at DESC LIMIT ?`, [limit]);
    },
  };
}

export type DeadLetterStore = ReturnType<typeof createDeadLetterStore>;
