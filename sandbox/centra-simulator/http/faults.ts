export type InjectedFault = { kind: 'fail'; status: number; body?: string } | { kind: 'rateLimit'; retryAfter: string | null };

interface Queued {
  fault: InjectedFault;
  remaining: number;
}

/**
 * Test-controlled misbehaviour. Failures and forced 429s queue in the order they were asked for;
 * hangs are counted apart, so a hang can delay a failure. Nothing here consumes rate-limit tokens.
 */
export class FaultInjector {
  /** Added to every response, in milliseconds. */
  latencyMs = 0;
  private queue: Queued[] = [];
  private hangs: Array<{ ms: number; remaining: number }> = [];
  /** Wall-clock ms until which every request answers 503 (an outage), whatever is queued. */
  private outageUntil = 0;

  constructor(private readonly wallClock: () => number = Date.now) {}

  /** The next `n` requests answer `status` (e.g. 500, 502, 503) with a GraphQL-style body, or `body` as given. */
  failNext(n = 1, status = 503, body?: string): void {
    if (n > 0) this.queue.push({ fault: { kind: 'fail', status, ...(body === undefined ? {} : { body }) }, remaining: n });
  }

  /**
   * The next `n` requests answer 429. `retryAfter`: a Date (sent as an HTTP date), any string sent
   * verbatim (to test Unix seconds, ISO-8601 or garbage), null for no header; default one second on.
   */
  rateLimitNext(n = 1, retryAfter?: Date | string | null): void {
    const value = retryAfter === undefined ? new Date(Math.ceil(this.wallClock() / 1000) * 1000 + 1000) : retryAfter;
    const header = value instanceof Date ? value.toUTCString() : value;
    if (n > 0) this.queue.push({ fault: { kind: 'rateLimit', retryAfter: header }, remaining: n });
  }

  /** The next `n` responses are delayed by `ms` (then answered normally), to trip client timeouts. */
  hangNext(n = 1, ms = 30_000): void {
    if (n > 0) this.hangs.push({ ms, remaining: n });
  }

  /** Every request answers 503 for the next `ms` milliseconds: Centra down for a while. */
  downFor(ms: number): void {
    this.outageUntil = this.wallClock() + ms;
  }

  /** When the outage set by `downFor` ends, wall-clock ms; 0 when there is none. */
  downUntil(): number {
    return this.outageUntil > this.wallClock() ? this.outageUntil : 0;
  }

  reset(): void {
    this.outageUntil = 0;
    this.latencyMs = 0;
    this.queue = [];
    this.hangs = [];
  }

  /** Delay for the request now arriving (latency plus any hang); consumes one hang. */
  takeDelayMs(): number {
    return this.latencyMs + (take(this.hangs)?.ms ?? 0);
  }

  takeFault(): InjectedFault | undefined {
    if (this.downUntil() > 0) return { kind: 'fail', status: 503, body: 'Centra is down (sandbox outage)' };
    return take(this.queue)?.fault;
  }
}

function take<T extends { remaining: number }>(queue: T[]): T | undefined {
  const head = queue[0];
  if (!head) return undefined;
  if (--head.remaining <= 0) queue.shift();
  return head;
}
