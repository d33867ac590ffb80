import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../server/worker/backoff.js';

describe('backoffMs', () => {
  it('doubles per attempt within [half, full] of the ceiling', () => {
    expect(backoffMs(0, () => 0)).toBe(1_000);
    expect(backoffMs(0, () => 1)).toBe(2_000);
    expect(backoffMs(3, () => 0)).toBe(8_000);
    expect(backoffMs(3, () => 1)).toBe(16_000);
  });

  it('is capped at the maximum', () => {
    expect(backoffMs(50, () => 1)).toBe(15 * 60_000);
  });

  it('lets a longer Retry-After win', () => {
    expect(backoffMs(0, () => 0, {}, 30_000)).toBe(30_000);
    expect(backoffMs(5, () => 1, {}, 1_000)).toBe(64_000);
  });
});
