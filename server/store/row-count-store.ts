import type { Sql } from './sql/sql.js';

/** The tables whose rows are counted by triggers (migration 5), and what k1 and k2 hold for each. */
export type CountedTable = 'jobs' | 'tracker_events' | 'deliveries';

/** Deltas folded per compaction at most: one statement never holds the SQLite writer long. */
export const COMPACT_BATCH = 10_000;

/**
 * Row counts of the large tables without counting them (issue 15): triggers append one ±1 row per insert, delete
 * or state change to row_counts, and `compact` folds those into one row per group on a timer. A read sums what
 * is there: the folded totals plus the deltas since the last compaction, so its cost is the number of groups plus
 * the writes of one compaction interval, never the table's size.
 */
export function createRowCountStore(sql: Sql) {
  return {
    /** Rows per (k1, k2) of `table`, zero groups left out. jobs: (kind, state); tracker_events: (state, ''); deliveries: ('', ''). */
    async counts(table: CountedTable): Promise<Array<{ k1: string; k2: string; n: number }>> {
      const rows = await sql.all<{ k1: string; k2: string; n: number }>(
        `SELECT k1, k2, SUM(n) AS n FROM row_counts WHERE tbl = ? GROUP BY k1, k2 ORDER BY k1, k2`,
        [table],
      );
      return rows.filter((r) => r.n !== 0).map((r) => ({ k1: r.k1, k2: r.k2, n: Number(r.n) }));
    },
    /**
     * Folds up to COMPACT_BATCH of the oldest rows into one row per group; returns how many rows it folded (loop
     * while it returns the batch size). PostgreSQL: one statement, so a delta committed by another replica
     * meanwhile is either folded or left for the next call, never lost. SQLite: one writer, one transaction.
     */
    async compact(): Promise<number> {
      if (sql.dialect === 'postgres') {
        const row = await sql.get<{ folded: number }>(`
          WITH picked AS (SELECT id FROM row_counts ORDER BY id LIMIT ${COMPACT_BATCH}),
          gone AS (DELETE FROM row_counts WHERE id IN (SELECT id FROM picked) RETURNING tbl, k1, k2, n),
          folded AS (INSERT INTO row_counts (tbl, k1, k2, n) SELECT tbl, k1, k2, SUM(n) FROM gone GROUP BY tbl, k1, k2 RETURNING 1)
          SELECT (SELECT COUNT(*) FROM gone) AS folded`);
        return Number(row?.folded ?? 0);
      }
      return sql.transaction(async (tx) => {
        const last = (await tx.get<{ id: number | null }>(`SELECT MAX(id) AS id FROM (SELECT id FROM row_counts ORDER BY id LIMIT ${COMPACT_BATCH})`))?.id;
        if (last === null || last === undefined) return 0;
        const groups = await tx.all<{ tbl: string; k1: string; k2: string; n: number; rows: number }>(
          `SELECT tbl, k1, k2, SUM(n) AS n, COUNT(*) AS rows FROM row_counts WHERE id <= ? GROUP BY tbl, k1, k2`,
          [last],
        );
        const folded = groups.reduce((sum, g) => sum + g.rows, 0);
        // Already one row per group: nothing to fold.
        if (folded === groups.length) return 0;
        await tx.run(`DELETE FROM row_counts WHERE id <= ?`, [last]);
        for (const g of groups) {
          if (g.n !== 0) await tx.run(`INSERT INTO row_counts (tbl, k1, k2, n) VALUES (?, ?, ?, ?)`, [g.tbl, g.k1, g.k2, g.n]);
        }
        return folded;
      });
    },
  };
}

export type RowCountStore = ReturnType<typeof createRowCountStore>;
