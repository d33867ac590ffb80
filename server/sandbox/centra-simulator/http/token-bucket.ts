/**
 * A bucket of `capacity` tokens refilled continuously over `windowMs` (capacity per window), the
 * model Centra documents for its limits (centra.md §2.2). Times are epoch milliseconds.
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

  /** Milliseconds until one whole token is available; 0 when one is now. */
  msUntilToken(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * this.windowMs) / this.capacity;
  }

  take(): void {
    this.refill();
    this.tokens = Math.max(0, this.tokens - 1);
  }

  snapshot(): { quota: number; usedQuota: number; remainingQuota: number } {
    this.refill();
    const remaining = Math.floor(this.tokens);
    return { quota: this.capacity, usedQuota: this.capacity - remaining, remainingQuota: remaining };
  }
}
