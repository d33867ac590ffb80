import type { Sql } from './sql/sql.js';

/** Rows deleted per statement at most: each statement holds the SQLite writer for a few milliseconds only. */
export const PRUNE_BATCH = 1_000;

/**
 * One batch of each retention rule (issue 15, docs/security.md "Retention"): every method deletes at most `limit`
 * rows older than `before` (Unix ms) and returns how many it deleted; run-retention.ts loops them. Each statement
 * picks its rows through an index (migration 5), so a batch costs the same with 10 rows or 10 million.
 */
export function createRetentionStore(sql: Sql) {
  /** Rows of `table` settled (`state`) before `before` by their `settledAt` column, oldest first, `limit` at a time. */
  const pruneSettled =
    (table: string, state: string, settledAt: string) =>
    async (before: number, limit = PRUNE_BATCH): Promise<number> =>
      (
        await sql.run(
          `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE state = '${state}' AND ${settledAt} < ? ORDER BY ${settledAt} LIMIT ?)`,
          [before, limit],
        )
      ).changes;
  return {
    /**
     * Webhook deliveries (raw bodies, which hold emails) and their event rows. A delivery with an event still
     * pending (waiting for its handler, docs/design.md D16) is kept until that event is queued.
     */
    deliveries: (before: number, limit = PRUNE_BATCH): Promise<number> =>
      sql.transaction(async (tx) => {
        const ids = (
          await tx.all<{ id: number }>(
            `
        SELECT id FROM deliveries d WHERE received_at < ?
          AND NOT EXISTS (SELECT 1 FROM delivery_events e WHERE e.delivery_id = d.id AND e.state = 'pending')
        ORDER BY received_at LIMIT ?`,
            [before, limit],
          )
        ).map((r) => r.id);
        if (ids.length === 0) return 0;
        const marks = ids.map(() => '?').join(',');
        await tx.run(`DELETE FROM delivery_events WHERE delivery_id IN (${marks})`, ids);
        return (await tx.run(`DELETE FROM deliveries WHERE id IN (${marks})`, ids)).changes;
      }),
    /** Jobs finished in `state` (done, or dead: its dead letter is kept on its own rule) before `before`. */
    jobs: async (state: 'done' | 'dead', before: number, limit = PRUNE_BATCH): Promise<number> =>
      (
        await sql.run(
          `
      DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = ? AND finished_at < ? ORDER BY finished_at LIMIT ?)`,
          [state, before, limit],
        )
      ).changes,
    pushLog: async (before: number, limit = PRUNE_BATCH): Promise<number> =>
      (
        await sql.run(
          `
      DELETE FROM push_log WHERE id IN (SELECT id FROM push_log WHERE at < ? ORDER BY at LIMIT ?)`,
          [before, limit],
        )
      ).changes,
    /**
     * Tracker events received before `before`, whatever became of them, except a dead one whose dead letter is
     * still open (a replay pushes it from its row). Settled rows already go after the 7-day dedupe window
     * (server/collect/accept-tracker-batch.ts); this is the bound for the rest.
     */
    trackerEvents: async (before: number, limit = PRUNE_BATCH): Promise<number> =>
      (
        await sql.run(
          `
      DELETE FROM tracker_events WHERE seq IN (
        SELECT seq FROM tracker_events e WHERE state IN ('pending', 'sent', 'dead', 'expired', 'dropped', 'applied') AND received_at < ?
          AND NOT (state = 'dead' AND EXISTS (
            SELECT 1 FROM dead_letters d WHERE d.state = 'open' AND d.record_type = 'custom_event' AND d.record_id = e.id))
        ORDER BY received_at LIMIT ?)`,
          [before, limit],
        )
      ).changes,
    /** Which identity a visitor said they are, last confirmed before `before`: the visitor id stops naming anyone. */
    trackerVisitors: async (before: number, limit = PRUNE_BATCH): Promise<number> =>
      (
        await sql.run(
          `
      DELETE FROM tracker_visitors WHERE visitor_id IN (SELECT visitor_id FROM tracker_visitors WHERE updated_at < ? ORDER BY updated_at LIMIT ?)`,
          [before, limit],
        )
      ).changes,
    /**
     * Identities (emails) no visitor and no event refers to any more, among ids after `afterId` (a cursor: the
     * scan moves on by `limit` ids per call). Returns how many it deleted and where the next call starts (null at the end).
     */
    async orphanIdentities(afterId: number, limit = PRUNE_BATCH): Promise<{ deleted: number; next: number | null }> {
      const ids = (await sql.all<{ id: number }>(`SELECT id FROM tracker_identities WHERE id > ? ORDER BY id LIMIT ?`, [afterId, limit])).map((r) => r.id);
      if (ids.length === 0) return { deleted: 0, next: null };
      const first = ids[0]!;
      const last = ids[ids.length - 1]!;
      const { changes } = await sql.run(
        `
        DELETE FROM tracker_identities WHERE id >= ? AND id <= ?
          AND NOT EXISTS (SELECT 1 FROM tracker_visitors v WHERE v.identity_id = tracker_identities.id)
          AND NOT EXISTS (SELECT 1 FROM tracker_events e WHERE e.identity_id = tracker_identities.id)`,
        [first, last],
      );
      return { deleted: changes, next: ids.length < limit ? null : last };
    },
    /** Dead letters a person replayed before `before`; open ones are kept however old. */
    deadLetters: pruneSettled('dead_letters', 'replayed', 'replayed_at'),
    /** Findings resolved before `before`; open and repaired ones are kept. */
    findings: pruneSettled('findings', 'resolved', 'resolved_at'),
    /** Alerts resolved before `before`; open ones are kept. */
    alerts: pruneSettled('alerts', 'resolved', 'resolved_at'),
    /** Reconciliation runs started before `before`, except the newest (the status page's "last run"). */
    reconcileRuns: async (before: number, limit = PRUNE_BATCH): Promise<number> =>
      (
        await sql.run(
          `
      DELETE FROM reconcile_runs WHERE id IN (SELECT id FROM reconcile_runs WHERE started_at < ?
        AND id < (SELECT MAX(id) FROM reconcile_runs) ORDER BY id LIMIT ?)`,
          [before, limit],
        )
      ).changes,
  };
}

export type RetentionStore = ReturnType<typeof createRetentionStore>;
