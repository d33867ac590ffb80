import type { Sql } from './sql/sql.js';

/** A window a booking must keep: at most `limit` sends within any `windowMs` ms. */
interface SlotWindow {
  limit: number;
  windowMs: number;
}

/**
 * Sends booked towards a remote, shared by every replica on the store (issue 9: a limit of 4 requests/s to
 * Ometria holds for the fleet). One booking is one transaction holding the limiter's row lock, so two replicas
 * never book the same slot. A slot `s` is free when the `limit`-th latest booking `L` of each window keeps
 * `s >= L + windowMs`: then every window that holds `s` holds fewer than `limit` other bookings, whatever order
 * the bookings were made in, so the limit holds in every window for the fleet (docs/scaling.md).
 */
export function createRateSlotStore(sql: Sql) {
  return {
    /**
     * Books the `count` (at least 1) earliest slots at or after `now` in one transaction, one lock for the whole
     * block instead of one per request; returns their times, ascending, Unix ms. The caller bounds `count` (the
     * limiter books at most 100 at once), which bounds the lock's hold.
     */
    bookBlock(name: string, windows: readonly SlotWindow[], now: number, count: number): Promise<number[]> {
      const n = Math.max(1, Math.floor(count));
      return sql.transaction(async (tx) => {
        await tx.run(`INSERT INTO rate_limiters (name, paused_until) VALUES (?, 0) ON CONFLICT (name) DO NOTHING`, [name]);
        // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs the row lock.
        const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
        const row = await tx.get<{ paused_until: number }>(`SELECT paused_until FROM rate_limiters WHERE name = ?${lock}`, [name]);
        const from = Math.max(now, row?.paused_until ?? 0);
        const slots: number[] = [];
        for (let i = 0; i < n; i++) {
          // Slots are booked in time order, so each is at or after the one before; the rows just inserted count.
          let at = slots[i - 1] ?? from;
          for (const w of windows) {
            const bound = await tx.get<{ at: number }>(`SELECT at FROM rate_sends WHERE limiter = ? ORDER BY at DESC LIMIT 1 OFFSET ?`, [name, w.limit - 1]);
            if (bound && Number(bound.at) + w.windowMs > at) at = Number(bound.at) + w.windowMs;
          }
          await tx.run(`INSERT INTO rate_sends (limiter, at) VALUES (?, ?)`, [name, at]);
          slots.push(at);
        }
        const longest = Math.max(...windows.map((w) => w.windowMs));
        await tx.run(`DELETE FROM rate_sends WHERE limiter = ? AND at < ?`, [name, slots[0]! - longest]);
        return slots;
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
