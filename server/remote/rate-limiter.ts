import { sleep } from './safe-timer.js';
/**
 * At most `limit` sends within any `windowMs` milliseconds (a sliding window: Ometria). With `burst`, a token bucket
 * instead (Centra, docs/design.md C5): `limit` tokens refilled at a constant rate over `windowMs`, of which at most
 * `burst` are spent at once.
 */
export interface RateWindow {
  limit: number;
  windowMs: number;
  burst?: number | undefined;
}

/**
 * The calendar a limiter books in, shared by every replica (the store's rate-slot store implements it; the
 * runtime wires them). `book` returns the booked slot's time, Unix ms, at or after `now`.
 */
export interface RateSlots {
  book(name: string, windows: readonly RateWindow[], now: number): Promise<number>;
  /** Frees a booking made at `at` under `windows` that no send will use. */
  free(name: string, windows: readonly RateWindow[], at: number): Promise<void>;
  pauseUntil(name: string, until: number): Promise<void>;
}

/**
 * A limiter over several windows at once (Centra: token buckets per 10 s and per hour; Ometria: a sliding second),
 * kept in the store so every replica books from one calendar: the limit holds for the fleet, not per process
 * (issue 9). `reserve` books the next free slot and says how long to wait for it; waiting is the caller's business.
 * On SQLite (one process) the calendar costs one small transaction per remote request.
 */
export function createRateLimiter(slots: RateSlots, name: string, windows: readonly RateWindow[]) {
  let current = [...windows];
  return {
    /** Books a slot; resolves to the ms to wait before sending (0 = now). */
    async reserve(now: number): Promise<number> {
      return (await slots.book(name, current, now)) - now;
    },
    /** Gives back a booked slot no send will use (a missed one), so it does not hold its window. */
    release: (slot: number): Promise<void> => slots.free(name, current, slot),
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

/**
 * How late after its slot a send may still go, ms. A timer that fires later (a long garbage collection, a busy event
 * loop) would put the send nearer to the ones booked after it than the window allows; within this the remote sees
 * arrival jitter it must tolerate anyway (the fault suite allows 50 ms).
 */
export const LATE_SEND_MS = 25;
/** Bookings after a late timer before the send goes anyway: a process stalled every time must still send. */
const MAX_REBOOKINGS = 3;

/**
 * Books a slot and waits until its time. The wait is measured from the clock after the booking, not from when it was
 * asked for: a booking that took long (a busy store or event loop) must not push the send past its slot, since a
 * send later than its slot can crowd a later window booked against it (docs/scaling.md). For the same reason a send
 * whose timer fired, or whose booking ended, more than LATE_SEND_MS after its slot books again. The missed slot is
 * given back first, so it holds no window: on a free calendar the new slot is about now, where the send really goes,
 * and a late send costs the remote's budget nothing. The new booking asks for a slot as far ahead as the last one
 * took, so a slow store does not make it late again. Resolves to the number of re-bookings, for the metrics.
 */
export async function waitForSlot(limiter: RateLimiter, now: () => number, wait: (ms: number) => Promise<void> = sleep): Promise<number> {
  let lead = 0;
  for (let rebooked = 0; ; rebooked++) {
    const started = now();
    const asked = started + lead;
    const slot = asked + (await limiter.reserve(asked));
    const booked = now();
    if (slot > booked) await wait(slot - booked);
    if (now() - slot <= LATE_SEND_MS || rebooked === MAX_REBOOKINGS) return rebooked;
    await limiter.release(slot);
    lead = booked - started;
  }
}
