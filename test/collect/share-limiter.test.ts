import { describe, expect, it } from 'vitest';
import { createShareLimiter } from '../../server/remote/share-limiter.js';
import type { RateLimiter, RateWindow } from '../../server/remote/rate-limiter.js';

/** An in-memory calendar with one window, as rate-slot-store.ts books it: bounded by the limit-th latest booking. */
function calendar(limit: number, windowMs: number): RateLimiter & { sends: number[] } {
  const sends: number[] = [];
  let paused = 0;
  return {
    sends,
    async reserve(now) {
      let at = Math.max(now, paused);
      const latest = [...sends].sort((a, b) => b - a);
      const bound = latest[limit - 1];
      if (bound !== undefined && bound + windowMs > at) at = bound + windowMs;
      sends.push(at);
      return at - now;
    },
    async release(slot) {
      const i = sends.indexOf(slot);
      if (i >= 0) sends.splice(i, 1);
    },
    async pauseUntil(until) {
      paused = Math.max(paused, until);
    },
    setLimits(_next: readonly RateWindow[]) {},
    windows: () => [{ limit, windowMs }],
  };
}

describe('createShareLimiter', () => {
  it('keeps storefront pushes to their share, inside the whole budget, leaving orders the rest', async () => {
    const whole = calendar(4, 1000);
    const tracker = createShareLimiter(calendar(1, 1000), whole);
    // the push client reserves, sleeps, sends: a storefront backlog holds one booking ahead at a time
    expect(await tracker.reserve(0)).toBe(0);
    expect(await tracker.reserve(0)).toBe(1000); // 1 a second: 0.25 × 4
    const ordersAt: number[] = [];
    for (let i = 0; i < 4; i++) ordersAt.push(await whole.reserve(0));
    // orders still send in the first second, and nothing ever exceeds 4 in any second
    expect(ordersAt.filter((t) => t < 1000).length).toBeGreaterThanOrEqual(2);
    const all = whole.sends.sort((a, b) => a - b);
    for (const t of all) expect(all.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(4);
  });

  it('waits for the whole budget too: a storefront push never exceeds the rate orders already use', async () => {
    const whole = calendar(2, 1000);
    await whole.reserve(0);
    await whole.reserve(0); // orders took the whole first second
    const tracker = createShareLimiter(calendar(1, 1000), whole);
    expect(await tracker.reserve(0)).toBe(1000);
  });

  it('gives a missed slot back to the whole budget, and keeps it in its own share', async () => {
    const whole = calendar(1, 1000);
    const own = calendar(1, 1000);
    const tracker = createShareLimiter(own, whole);
    const missed = await tracker.reserve(0);
    await tracker.release(missed);
    expect(whole.sends).toEqual([]);
    expect(own.sends).toEqual([0]);
    expect(await whole.reserve(0)).toBe(0);
  });

  it('pauses the whole budget on a 429', async () => {
    const whole = calendar(4, 1000);
    await createShareLimiter(calendar(1, 1000), whole).pauseUntil(5000);
    expect(await whole.reserve(0)).toBe(5000);
  });
});
