import type { RateWindow } from './rate-limiter.js';

/**
 * How much longer than Ometria's window ours is, ms. Ometria counts requests as they arrive, and a request can take
 * tens of ms longer to arrive than the one after it: a fresh connection, or an event loop busy mapping the next
 * orders while the push is written (docs/scaling.md). 50 ms of a 1-s window costs 5 % of the push rate.
 */
export const ARRIVAL_MARGIN_MS = 50;

/** A requests-per-second figure as a limiter window; rates below 1/s become one request per 1/rate seconds. */
export function perSecond(rate: number): RateWindow[] {
  return rate >= 1
    ? [{ limit: Math.floor(rate), windowMs: 1_000 + ARRIVAL_MARGIN_MS }]
    : [{ limit: 1, windowMs: Math.round(1_000 / rate) + ARRIVAL_MARGIN_MS }];
}
