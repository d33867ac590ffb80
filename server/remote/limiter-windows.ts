import type { RateWindow } from './rate-limiter.js';

/** A requests-per-second figure as a limiter window; rates below 1/s become one request per 1/rate seconds. */
export function perSecond(rate: number): RateWindow[] {
  return rate >= 1 ? [{ limit: Math.floor(rate), windowMs: 1_000 }] : [{ limit: 1, windowMs: Math.round(1_000 / rate) }];
}
