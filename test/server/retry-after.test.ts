import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_MS, retryAfterMs } from '../../server/remote/retry-after.js';

const NOW = Date.parse('2024-06-03T16:00:00Z');

describe('retryAfterMs reads every Retry-After form Centra is known to send (docs/design.md D13)', () => {
  it.each([
    ['an HTTP date', 'Mon, 03 Jun 2024 16:00:30 GMT', 30_000],
    ['Unix seconds', String(NOW / 1000 + 12), 12_000],
    ['Unix milliseconds', String(NOW + 4_500), 4_500],
    ['ISO-8601 with offset', '2024-06-03T18:00:20+02:00', 20_000],
    ['delta seconds', '7', 7_000],
  ])('%s', (_name, value, expected) => {
    expect(retryAfterMs(value, NOW)).toBe(expected);
  });

  it.each([
    ['missing', undefined],
    ['unreadable', 'soon'],
    ['in the past', 'Mon, 03 Jun 2024 15:00:00 GMT'],
  ])('falls back to 10 s when %s', (_name, value) => {
    expect(retryAfterMs(value, NOW)).toBe(DEFAULT_RETRY_AFTER_MS);
  });
});
