export interface BackoffOptions {
  /** First retry after about this long, ms (default: 2000). */
  baseMs?: number;
  /** Never wait longer than this, ms (default: 15 min). */
  maxMs?: number;
}

/**
 * Delay before retry number `attempt` (0-based): capped exponential with "equal jitter", so a fleet of jobs
 * that failed together does not retry together. A remote's Retry-After wins when it is longer.
 */
export function backoffMs(attempt: number, random: () => number, options: BackoffOptions = {}, retryAfterMs = 0): number {
  const base = options.baseMs ?? 2_000;
  const max = options.maxMs ?? 15 * 60_000;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 20));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(Math.round(jittered), retryAfterMs);
}
