import type { Sql } from './sql/sql.js';

/**
 * A window a booking must keep: at most `limit` sends within any `windowMs` ms (sliding). With `burst`, a token
 * bucket of `limit` tokens refilled steadily over `windowMs`, at most `burst` of them spent at once.
 */
interface SlotWindow {
  limit: number;
  windowMs: number;
  burst?: number | undefined;
}

/** A bucket's booking rule (GCRA): one token per `interval` ms, and a send may go `tolerance` ms ahead of its turn. */
function bucketRule(w: SlotWindow & { burst: number }): { interval: number; tolerance: number } {
  const interval = Math.ceil(w.windowMs / w.limit);
  return { interval, tolerance: Math.max(0, w.burst - 1) * interval };
}

const isBucket = (w: SlotWindow): w is SlotWindow & { burst: number } => w.burst !== undefined;

/**
 * Sends booked towards a remote, shared by every replica on the store (issue 9: a limit of 4 requests/s to
 * Ometria holds for the fleet). One booking is one transaction holding the limiter's row lock, so two replicas
 * never book the same slot. Sliding windows keep the sends (`rate_sends`); slots are booked in time order, so the
 * `limit`-th latest booking bounds each window. A token bucket keeps one time per window (`rate_buckets.tat`, the
 * time its next token is due, as in the generic cell rate algorithm): a send may go up to `tolerance` before it.
 */
export function createRateSlotStore(sql: Sql) {
  return {
    /** Books the earliest slot at or after `now` that keeps every window; returns its time, Unix ms. */
    book(name: string, windows: readonly SlotWindow[], now: number): Promise<number> {
      return sql.transaction(async (tx) => {
        await tx.run(`INSERT INTO rate_limiters (name, paused_until) VALUES (?, 0) ON CONFLICT (name) DO NOTHING`, [name]);
        // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs the row lock.
        const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
        const row = await tx.get<{ paused_until: number }>(`SELECT paused_until FROM rate_limiters WHERE name = ?${lock}`, [name]);
        let at = Math.max(now, row?.paused_until ?? 0);
        const sliding = windows.filter((w) => !isBucket(w));
        for (const w of sliding) {
          const bound = await tx.get<{ at: number }>(`SELECT at FROM rate_sends WHERE limiter = ? ORDER BY at DESC LIMIT 1 OFFSET ?`, [name, w.limit - 1]);
          if (bound && bound.at + w.windowMs > at) at = bound.at + w.windowMs;
        }
        const buckets = windows.filter(isBucket);
        const due = new Map<number, number>();
        for (const w of buckets) {
          const tat = (await tx.get<{ tat: number }>(`SELECT tat FROM rate_buckets WHERE limiter = ? AND window_ms = ?`, [name, w.windowMs]))?.tat;
          if (tat === undefined) continue;
          due.set(w.windowMs, tat);
          at = Math.max(at, tat - bucketRule(w).tolerance);
        }
        for (const w of buckets) {
          const tat = Math.max(due.get(w.windowMs) ?? at, at) + bucketRule(w).interval;
          await tx.run(
            `INSERT INTO rate_buckets (limiter, window_ms, tat) VALUES (?, ?, ?) ON CONFLICT (limiter, window_ms) DO UPDATE SET tat = excluded.tat`,
            [name, w.windowMs, tat],
          );
        }
        if (sliding.length > 0) {
          await tx.run(`INSERT INTO rate_sends (limiter, at) VALUES (?, ?)`, [name, at]);
          const longest = Math.max(...sliding.map((w) => w.windowMs));
          await tx.run(`DELETE FROM rate_sends WHERE limiter = ? AND at < ?`, [name, at - longest]);
        }
        return at;
      });
    },
    /**
     * Frees one booking at exactly `at`, a slot its sender missed and will not use (rate-limiter.ts, waitForSlot), so
     * it does not hold the window it was booked in: a sliding window's send is deleted (bookings at one time are
     * alike: which one goes does not matter), a bucket's token is given back.
     */
    async free(name: string, windows: readonly SlotWindow[], at: number): Promise<void> {
      await sql.transaction(async (tx) => {
        if (windows.some((w) => !isBucket(w))) {
          const row = tx.dialect === 'postgres' ? 'ctid' : 'rowid';
          await tx.run(`DELETE FROM rate_sends WHERE ${row} IN (SELECT ${row} FROM rate_sends WHERE limiter = ? AND at = ? LIMIT 1)`, [name, at]);
        }
        for (const w of windows.filter(isBucket)) {
          await tx.run(`UPDATE rate_buckets SET tat = tat - ? WHERE limiter = ? AND window_ms = ?`, [bucketRule(w).interval, name, w.windowMs]);
        }
      });
    },
    /** The remote said stop (429): no replica books a slot before `until`. */
    async pauseUntil(name: string, until: number): Promise<void> {
      await sql.run(
        `INSERT INTO rate_limiters (name, paused_until) VALUES (@name, @until)
        ON CONFLICT (name) DO UPDATE SET paused_until = CASE WHEN rate_limiters.paused_until < @until THEN @until ELSE rate_limiters.paused_until END`,
        { name, until },
      );
    },
    async pausedUntil(name: string): Promise<number> {
      return (await sql.get<{ paused_until: number }>(`SELECT paused_until FROM rate_limiters WHERE name = ?`, [name]))?.paused_until ?? 0;
    },
  };
}

export type RateSlotStore = ReturnType<typeof createRateSlotStore>;
