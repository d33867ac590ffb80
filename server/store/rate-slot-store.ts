import type { Sql } from './sql/sql.js';

/** A window a booking must keep: at most `limit` sends within any `windowMs` ms. */
interface SlotWindow {
  limit: number;
  windowMs: number;
}

/**
 * Sends booked towards a remote, shared by every replica on the store (issue 9: a limit of 4 requests/s to
 * Ometria holds for the fleet). One booking is one transaction holding the limiter's row lock, so two replicas
 * never book the same slot. Slots are booked in time order, so the `limit`-th latest booking bounds each window.
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
        for (const w of windows) {
          const bound = await tx.get<{ at: number }>(`SELECT at FROM rate_sends WHERE limiter = ? ORDER BY at DESC LIMIT 1 OFFSET ?`, [name, w.limit - 1]);
          if (bound && bound.at + w.windowMs > at) at = bound.at + w.windowMs;
        }
        await tx.run(`INSERT INTO rate_sends (limiter, at) VALUES (?, ?)`, [name, at]);
        const longest = Math.max(...windows.map((w) => w.windowMs));
        await tx.run(`DELETE FROM rate_sends WHERE limiter = ? AND at < ?`, [name, at - longest]);
        return at;
      });
    },
    /**
     * Frees one booking at exactly `at`, a slot its sender missed and will not use (rate-limiter.ts, waitForSlot), so
     * it does not hold the window it was booked in. Bookings at one time are alike: which one goes does not matter.
     */
    async free(name: string, at: number): Promise<void> {
      const row = sql.dialect === 'postgres' ? 'ctid' : 'rowid';
      await sql.run(`DELETE FROM rate_sends WHERE ${row} IN (SELECT ${row} FROM rate_sends WHERE limiter = ? AND at = ? LIMIT 1)`, [name, at]);
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
