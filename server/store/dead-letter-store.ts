import type { Db } from './open-database.js';

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

/** Rejected work with its reason, kept until a person replays it (decisions.md 6). One open letter per record. */
export function createDeadLetterStore(db: Db) {
  const findOpen = db.prepare(`
    SELECT id FROM dead_letters WHERE state = 'open' AND job_kind = ? AND entity_key = ? AND IFNULL(record_type, '') = ? AND IFNULL(record_id, '') = ?`);
  const bump = db.prepare(`
    UPDATE dead_letters SET occurrences = occurrences + 1, updated_at = @now, reason = @reason, record = @record, response = @response WHERE id = @id`);
  const insert = db.prepare(`
    INSERT INTO dead_letters (created_at, updated_at, job_kind, entity_key, record_type, record_id, record, reason, response)
    VALUES (@now, @now, @jobKind, @entityKey, @recordType, @recordId, @record, @reason, @response)`);
  return {
    add(letter: NewDeadLetter, now: number): number {
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
      const existing = findOpen.get(row.jobKind, row.entityKey, row.recordType ?? '', row.recordId ?? '') as { id: number } | undefined;
      if (existing) {
        bump.run({ ...row, id: existing.id });
        return existing.id;
      }
      return Number(insert.run(row).lastInsertRowid);
    },
    get(id: number): DeadLetter | undefined {
      return db.prepare(`SELECT * FROM dead_letters WHERE id = ?`).get(id) as DeadLetter | undefined;
    },
    listOpen(recordType?: string): DeadLetter[] {
      return recordType
        ? (db.prepare(`SELECT * FROM dead_letters WHERE state = 'open' AND (record_type = ? OR job_kind = ?) ORDER BY id`).all(recordType, recordType) as DeadLetter[])
        : (db.prepare(`SELECT * FROM dead_letters WHERE state = 'open' ORDER BY id`).all() as DeadLetter[]);
    },
    markReplayed(id: number, now: number): void {
      db.prepare(`UPDATE dead_letters SET state = 'replayed', replayed_at = ?, updated_at = ? WHERE id = ?`).run(now, now, id);
    },
    countOpen(): number {
      return (db.prepare(`SELECT COUNT(*) AS n FROM dead_letters WHERE state = 'open'`).get() as { n: number }).n;
    },
    recent(limit: number): DeadLetter[] {
      return db.prepare(`SELECT * FROM dead_letters ORDER BY updated_at DESC LIMIT ?`).all(limit) as DeadLetter[];
    },
  };
}

export type DeadLetterStore = ReturnType<typeof createDeadLetterStore>;
