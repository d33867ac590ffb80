import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../server/remote/rate-limiter.js';

describe('createRateLimiter', () => {
  it('lets the quota through at once, then spaces requests by the window', () => {
    const limiter = createRateLimiter([{ limit: 3, windowMs: 1000 }]);
    expect([0, 0, 0].map(() => limiter.reserve(0))).toEqual([0, 0, 0]);
    expect(limiter.reserve(0)).toBe(1000);
    expect(limiter.reserve(0)).toBe(1000);
    expect(limiter.reserve(500)).toBe(500);
  });

  it('honours the tightest of several windows (Centra: per 10 s and per hour)', () => {
    const limiter = createRateLimiter([{ limit: 20, windowMs: 10_000 }, { limit: 25, windowMs: 3_600_000 }]);
    const waits = Array.from({ length: 26 }, () => limiter.reserve(0));
    expect(waits.slice(0, 20).every((w) => w === 0)).toBe(true);
    expect(waits[20]).toBe(10_000);
    expect(waits[25]).toBe(3_600_000);
  });

  it('sends nothing before a pause set by a 429 ends', () => {
    const limiter = createRateLimiter([{ limit: 100, windowMs: 1000 }]);
    limiter.pauseUntil(5_000);
    expect(limiter.reserve(1_000)).toBe(4_000);
  });

  it('adopts a live quota', () => {
    const limiter = createRateLimiter([{ limit: 1, windowMs: 10_000 }]);
    limiter.setLimits([{ limit: 2, windowMs: 10_000 }]);
    expect([limiter.reserve(0), limiter.reserve(0), limiter.reserve(0)]).toEqual([0, 0, 10_000]);
  });
});
