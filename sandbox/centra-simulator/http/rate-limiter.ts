import { TokenBucket } from './token-bucket.js';

export interface RateLimitOptions {
  /** REQUEST_COUNT quota per TEN_SECONDS window. Default 20 (docs/design.md D13). */
  requestsPer10s?: number;
  /** REQUEST_COUNT quota per ONE_HOUR window. Default 3600. */
  requestsPerHour?: number;
  /** QUERY_COMPLEXITY points per TEN_SECONDS window (graphql/query-complexity.ts). Default 150,000 [INF]. */
  complexityPer10s?: number;
  /** QUERY_COMPLEXITY points per ONE_HOUR window. Default 20,000,000 [INF]. */
  complexityPerHour?: number;
  /** Wall clock in epoch ms. Default Date.now: Retry-After is compared with real time by clients. */
  now?: () => number;
}

export interface RateLimitRow {
  type: 'REQUEST_COUNT' | 'QUERY_COMPLEXITY';
  intervalSeconds: 'TEN_SECONDS' | 'ONE_HOUR';
  quota: number;
  usedQuota: number;
  remainingQuota: number;
}

export type Admission = { ok: true } | { ok: false; retryAt: Date };

/** `tooComplex`: the query alone costs more than a whole window's quota, so waiting cannot help. */
export type ComplexityAdmission = Admission | { ok: false; tooComplex: true };

/**
 * Centra's limits: every request takes a token from both REQUEST_COUNT windows, and its complexity in points from
 * both QUERY_COMPLEXITY windows, or is refused. The two are checked apart: request count at the edge, complexity
 * once the query is parsed and validated.
 */
export class RateLimiter {
  private readonly tenSeconds: TokenBucket;
  private readonly hour: TokenBucket;
  private readonly complexityTenSeconds: TokenBucket;
  private readonly complexityHour: TokenBucket;
  private readonly now: () => number;

  /** `enforce: false` still counts (so `rateLimits` reads true) but never refuses. */
  constructor(
    options: RateLimitOptions = {},
    private readonly enforce = true,
  ) {
    this.now = options.now ?? Date.now;
    this.tenSeconds = new TokenBucket(options.requestsPer10s ?? 20, 10_000, this.now);
    this.hour = new TokenBucket(options.requestsPerHour ?? 3600, 3_600_000, this.now);
    this.complexityTenSeconds = new TokenBucket(options.complexityPer10s ?? 150_000, 10_000, this.now);
    this.complexityHour = new TokenBucket(options.complexityPerHour ?? 20_000_000, 3_600_000, this.now);
  }

  /**
   * The Retry-After instant is rounded up to a whole second, since an HTTP date cannot say less
   * and a client that resumes at the stated second must then be let through.
   */
  admit(): Admission {
    return this.admitFrom([this.tenSeconds, this.hour], 1);
  }

  /** Takes `points` of complexity from both windows, or says when they will be there. */
  admitComplexity(points: number): ComplexityAdmission {
    const windows = [this.complexityTenSeconds, this.complexityHour];
    if (this.enforce && windows.some((w) => points > w.capacity)) return { ok: false, tooComplex: true };
    return this.admitFrom(windows, points);
  }

  private admitFrom(buckets: TokenBucket[], n: number): Admission {
    const wait = Math.max(...buckets.map((b) => b.msUntilToken(n)));
    if (wait > 0 && this.enforce) return { ok: false, retryAt: new Date(Math.ceil((this.now() + wait) / 1000) * 1000) };
    for (const b of buckets) b.take(n);
    return { ok: true };
  }

  rows(): RateLimitRow[] {
    return [
      { type: 'REQUEST_COUNT', intervalSeconds: 'TEN_SECONDS', ...this.tenSeconds.snapshot() },
      { type: 'REQUEST_COUNT', intervalSeconds: 'ONE_HOUR', ...this.hour.snapshot() },
      { type: 'QUERY_COMPLEXITY', intervalSeconds: 'TEN_SECONDS', ...this.complexityTenSeconds.snapshot() },
      { type: 'QUERY_COMPLEXITY', intervalSeconds: 'ONE_HOUR', ...this.complexityHour.snapshot() },
    ];
  }
}
