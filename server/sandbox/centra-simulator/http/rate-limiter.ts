import { TokenBucket } from './token-bucket.js';

export interface RateLimitOptions {
  /** REQUEST_COUNT quota per TEN_SECONDS window. Default 20 (decisions.md 13). */
  requestsPer10s?: number;
  /** REQUEST_COUNT quota per ONE_HOUR window. Default 3600. */
  requestsPerHour?: number;
  /** Wall clock in epoch ms. Default Date.now: Retry-After is compared with real time by clients. */
  now?: () => number;
}

export interface RateLimitRow {
  type: 'REQUEST_COUNT';
  intervalSeconds: 'TEN_SECONDS' | 'ONE_HOUR';
  quota: number;
  usedQuota: number;
  remainingQuota: number;
}

export type Admission = { ok: true } | { ok: false; retryAt: Date };

/** Centra's REQUEST_COUNT limits: every request takes a token from both windows or is refused. */
export class RateLimiter {
  private readonly tenSeconds: TokenBucket;
  private readonly hour: TokenBucket;
  private readonly now: () => number;

  /** `enforce: false` still counts (so `rateLimits` reads true) but never refuses. */
  constructor(options: RateLimitOptions = {}, private readonly enforce = true) {
    this.now = options.now ?? Date.now;
    this.tenSeconds = new TokenBucket(options.requestsPer10s ?? 20, 10_000, this.now);
    this.hour = new TokenBucket(options.requestsPerHour ?? 3600, 3_600_000, this.now);
  }

  /**
   * The Retry-After instant is rounded up to a whole second, since an HTTP date cannot say less
   * and a client that resumes at the stated second must then be let through.
   */
  admit(): Admission {
    const wait = Math.max(this.tenSeconds.msUntilToken(), this.hour.msUntilToken());
    if (wait > 0 && this.enforce) return { ok: false, retryAt: new Date(Math.ceil((this.now() + wait) / 1000) * 1000) };
    this.tenSeconds.take();
    this.hour.take();
    return { ok: true };
  }

  rows(): RateLimitRow[] {
    return [
      { type: 'REQUEST_COUNT', intervalSeconds: 'TEN_SECONDS', ...this.tenSeconds.snapshot() },
      { type: 'REQUEST_COUNT', intervalSeconds: 'ONE_HOUR', ...this.hour.snapshot() },
    ];
  }
}
