import type { RateLimiter } from './rate-limiter.js';

/**
 * A limiter for a lower-priority sender that shares a remote's budget (issue 15.8: storefront events beside
 * orders). Each send books its own calendar `own` (share × the rate) first, then the whole budget's calendar
 * `whole` from that time on. So:
 * - the lower-priority sender never exceeds its share, however much it has queued;
 * - together they never exceed the whole budget (every send of either is in `whole`);
 * - the others keep at least (1 − share) of the budget under a storefront flood, and all of it when it is quiet.
 * Limits: the push client reserves, sleeps, then sends, so a storefront backlog keeps one booking ahead in `whole`;
 * the sliding window counts it early, which can cost orders one slot of the next window (conservative, never over).
 * Both calendars live in the store, so the shares hold for the fleet. A 429 pauses the whole budget: the remote's
 * limit is per key, not per sender.
 */
export function createShareLimiter(own: RateLimiter, whole: RateLimiter): RateLimiter {
  return {
    async reserve(now: number): Promise<number> {
      const ownSlot = now + (await own.reserve(now));
      return ownSlot + (await whole.reserve(ownSlot)) - now;
    },
    // Only the whole budget's slot is given back: the own calendar keeps it, which costs this sender's share at most
    // one slot per missed send and never the others'.
    release: (slot) => whole.release(slot),
    pauseUntil: (until) => whole.pauseUntil(until),
    setLimits: (next) => own.setLimits(next),
    windows: () => own.windows(),
  };
}
