import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_RETRY_AFTER_MS, retryAfterMs } from '../../server/remote/retry-after.js';
import { MAX_TIMER_MS, sleep, timerDelay } from '../../server/remote/safe-timer.js';
import { classifyOmetriaResponse } from '../../server/ometria/classify-ometria-response.js';

const NOW = Date.parse('2024-06-03T16:00:00Z');

describe('Retry-After is capped where it is parsed (issue 15)', () => {
  it.each([
    ['delta seconds of 31 years', '999999999'],
    ['Unix seconds in 2058', String(NOW / 1000 + 1_070_000_000)],
    ['Unix milliseconds far ahead', String(NOW + 10 * 86_400_000)],
    ['an HTTP date next year', 'Tue, 03 Jun 2025 16:00:00 GMT'],
  ])('%s waits 900 s by default', (_name, value) => {
    expect(retryAfterMs(value, NOW)).toBe(DEFAULT_MAX_RETRY_AFTER_MS);
    expect(DEFAULT_MAX_RETRY_AFTER_MS).toBe(900_000);
  });

  it('takes the configured cap, and leaves shorter waits alone', () => {
    expect(retryAfterMs('999999999', NOW, 60_000)).toBe(60_000);
    expect(retryAfterMs('30', NOW, 60_000)).toBe(30_000);
    expect(retryAfterMs('30', NOW)).toBe(30_000);
  });

  it('an Ometria 429 asking for years is a rate limit of at most the cap', () => {
    const outcome = classifyOmetriaResponse({
      status: 429,
      headers: new Headers({ 'retry-after': '999999999' }),
      body: '',
      now: NOW,
      maxRetryAfterMs: 120_000,
    });
    expect(outcome).toMatchObject({ kind: 'rate_limited', delayMs: 120_000 });
  });
});

describe('timers never overflow', () => {
  it('clamps a delay to what setTimeout honours', () => {
    expect(timerDelay(999_999_999_000)).toBe(MAX_TIMER_MS);
    expect(timerDelay(Infinity)).toBe(MAX_TIMER_MS);
    expect(timerDelay(-5)).toBe(0);
    expect(timerDelay(Number.NaN)).toBe(0);
    expect(timerDelay(1_500)).toBe(1_500);
  });

  it('a sleep longer than a timer holds is neither cut short (Node would fire it after 1 ms) nor lost', async () => {
    vi.useFakeTimers();
    try {
      let done = false;
      void sleep(MAX_TIMER_MS + 10_000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
