import { TokenBucket } from '../../sandbox/centra-simulator/http/token-bucket.js';

/**
 * The fewest tokens a Centra bucket of `limit` per `windowMs` (the simulator's, full at the first request) holds as
 * each request at `times` (ms) arrives, before it takes one: below 1 that request would be refused.
 */
export function leanestBucket(times: readonly number[], limit: number, windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let clock = sorted[0] ?? 0;
  const bucket = new TokenBucket(limit, windowMs, () => clock);
  let leanest = limit;
  for (const at of sorted) {
    clock = at;
    // Rounded to a millionth of a token: the bucket refills in floating point.
    leanest = Math.min(leanest, Math.round((limit - (bucket.msUntilToken(limit) * limit) / windowMs) * 1e6) / 1e6);
    bucket.take();
  }
  return leanest;
}
