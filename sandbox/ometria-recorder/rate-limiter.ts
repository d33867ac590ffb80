export interface RateLimiter {
  /** True when the request may proceed; false means answer 429. */
  take(): boolean;
  reset(): void;
}

/**
 * Per-account limit like Ometria's 4 requests/s (docs/design.md O2). A token bucket holding `burst`
 * requests, refilled at `ratePerSecond` [INF: Ometria's algorithm is undocumented]. It is more
 * lenient than "at most N in any second"; tests wanting that use the logs' `maxRequestsInAnyWindow`.
 * `ratePerSecond <= 0` disables it. `now` is in milliseconds.
 */
export function createRateLimiter(ratePerSecond: number, now: () => number, burst = ratePerSecond): RateLimiter {
  let tokens = burst;
  let last = now();
  return {
    take() {
      if (ratePerSecond <= 0) return true;
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) * ratePerSecond) / 1000);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    reset() {
      tokens = burst;
      last = now();
    },
  };
}
