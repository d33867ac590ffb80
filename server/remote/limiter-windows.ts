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

/**
 * Tokens of a remote's bucket never spent at once, so sends that arrive closer together than they left (a slow
 * connection for one, a fast one for the next) still find a token: one token absorbs arrivals up to one refill
 * interval early (500 ms at Centra's 20 per 10 s), and costs one request of the first burst only.
 */
export const SPARE_TOKENS = 1;

/** A token bucket of `limit` per `windowMs`, refilled at a constant rate (Centra's limits: docs/design.md C5). */
export function tokenBucket(limit: number, windowMs: number): RateWindow {
  return { limit, windowMs, burst: Math.max(1, limit - SPARE_TOKENS) };
}
