/** At most `limit` sends within any `windowMs` milliseconds. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * The calendar a limiter books in, shared by every replica (the store's rate-slot store implements it; the
 * runtime wires them). `bookBlock` returns `count` slot times, ascending, Unix ms, at or after `now`, booked in one
 * transaction.
 */
export interface RateSlots {
  bookBlock(name: string, windows: readonly RateWindow[], now: number, count: number): Promise<number[]>;
  pauseUntil(name: string, until: number): Promise<void>;
}

/** Slots one booking takes at most: bounds how long one transaction holds the calendar's lock. */
const MAX_BLOCK = 100;

interface Waiter {
  now: number;
  resolve(waitMs: number): void;
  reject(error: unknown): void;
}

/**
 * A sliding-window limiter over several windows at once (Centra: per 10 s and per hour; Ometria: per second),
 * kept in the store so every replica books from one calendar: the limit holds for the fleet, not per process
 * (issue 9). `reserve` books the next free slot and says how long to wait for it; waiting is the caller's business.
 * One booking is one transaction under the calendar's lock. Reservations made in this process while a booking is
 * under way wait for it and are then booked together, one transaction for the block, so a busy replica takes the
 * lock once per block rather than once per request (issue 17). Only demand is booked: no slot is held ahead of a
 * request, so an idle replica holds nothing another could use, and a pause (429) reaches every booking after it.
 */
export function createRateLimiter(slots: RateSlots, name: string, windows: readonly RateWindow[]) {
  let current = [...windows];
  let waiting: Waiter[] = [];
  let booking = false;

  const bookWaiting = async (): Promise<void> => {
    booking = true;
    try {
      while (waiting.length > 0) {
        const block = waiting.slice(0, MAX_BLOCK);
        waiting = waiting.slice(block.length);
        // The latest caller's clock: no slot is handed out before the moment its caller asked.
        const from = Math.max(...block.map((w) => w.now));
        try {
          const times = await slots.bookBlock(name, current, from, block.length);
          block.forEach((w, i) => w.resolve(times[i]! - w.now));
        } catch (error) {
          for (const w of block) w.reject(error);
        }
      }
    } finally {
      booking = false;
    }
  };

  return {
    /** Books a slot; resolves to the ms to wait before sending (0 = now). */
    reserve(now: number): Promise<number> {
      return new Promise<number>((resolve, reject) => {
        waiting.push({ now, resolve, reject });
        if (!booking) void bookWaiting();
      });
    },
    /** The remote said stop (429): no replica sends before `until`. */
    pauseUntil: (until: number): Promise<void> => slots.pauseUntil(name, until),
    /**
     * Adopts a live quota (Centra's `rateLimits` query). Each replica reads it on its own; they read the same
     * quota, and the bookings already made stay in the calendar.
     */
    setLimits(next: readonly RateWindow[]): void {
      current = [...next];
    },
    /** The windows in force (configured, or adopted from the live quota). */
    windows: (): readonly RateWindow[] => current,
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** Re-exported for the clients that wait for their slot; overflow-safe (safe-timer.ts). */
export { sleep } from './safe-timer.js';
