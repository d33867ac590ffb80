/**
 * A bucket of `capacity` tokens refilled continuously over `windowMs` (capacity per window), the
 * model Centra documents for its limits (docs/design.md C5). Times are epoch milliseconds.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.capacity) / this.windowMs);
    this.last = t;
  }

  /** Milliseconds until `n` whole tokens are available; 0 when they are now. `n` above capacity never is. */
  msUntilToken(n = 1): number {
    this.refill();
    return this.tokens >= n ? 0 : ((n - this.tokens) * this.windowMs) / this.capacity;
  }

  take(n = 1): void {
    this.refill();
    this.tokens = Math.max(0, this.tokens - n);
  }

  snapshot(): { quota: number; usedQuota: number; remainingQuota: number } {
    this.refill();
    const remaining = Math.floor(this.tokens);
    return { quota: this.capacity, usedQuota: this.capacity - remaining, remainingQuota: remaining };
  }
}
