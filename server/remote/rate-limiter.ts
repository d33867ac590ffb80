export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * A sliding-window limiter over several windows at once (Centra: per 10 s and per hour; Ometria: per second).
 * `reserve` books the next free slot and says how long to wait for it; waiting is the caller's business.
 */
export function createRateLimiter(windows: RateWindow[]) {
  let current = windows.map((w) => ({ ...w, sent: [] as number[] }));
  let pausedUntil = 0;

  const earliestSlot = (now: number): number => {
    let at = Math.max(now, pausedUntil);
    for (const w of current) {
      while (w.sent.length > 0 && w.sent[0]! <= at - w.windowMs) w.sent.shift();
      if (w.sent.length >= w.limit) at = Math.max(at, w.sent[w.sent.length - w.limit]! + w.windowMs);
    }
    return at;
  };

  return {
    /** Books a slot; returns the ms to wait before sending (0 = now). */
    reserve(now: number): number {
      const at = earliestSlot(now);
      for (const w of current) w.sent.push(at);
      return at - now;
    },
    /** The remote said stop (429): nothing is sent before `until`. */
    pauseUntil(until: number): void {
      pausedUntil = Math.max(pausedUntil, until);
    },
    pausedUntil: (): number => pausedUntil,
    /** Adopts a live quota (Centra's `rateLimits` query), keeping what was already sent. */
    setLimits(next: RateWindow[]): void {
      current = next.map((w) => ({ ...w, sent: current.find((c) => c.windowMs === w.windowMs)?.sent ?? [] }));
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
