/**
 * setTimeout's largest delay, ms (2^31 − 1, about 24.8 days). A longer one is not honoured: Node fires it after
 * 1 ms with a warning, so a huge wait would silently become no wait at all (for a limiter: no limit).
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay setTimeout honours: not negative, not NaN, at most MAX_TIMER_MS. */
export function timerDelay(ms: number): number {
  if (!Number.isFinite(ms)) return ms > 0 ? MAX_TIMER_MS : 0;
  return Math.min(Math.max(0, ms), MAX_TIMER_MS);
}

/** Waits `ms`, in chunks a timer honours: a wait beyond 24.8 days is long, never skipped. */
export async function sleep(ms: number): Promise<void> {
  let left = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  do {
    const chunk = timerDelay(left);
    await new Promise((r) => setTimeout(r, chunk));
    left -= chunk;
  } while (left > 0);
}
