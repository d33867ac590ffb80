export interface SimRequest {
  /** Wall-clock epoch ms when the request arrived. */
  time: number;
  /** HTTP status sent; 0 when the client went away before the answer (e.g. its timeout fired). */
  status: number;
  operationName: string | null;
  /** Top-level fields and aliases of the executed operation (see rootFieldKeys). */
  topLevelFields: number;
  rootFields: string[];
  query: string;
  durationMs: number;
}

/**
 * Every POST /graphql, newest last. Only the latest `limit` entries are kept so long benchmarks
 * stay memory-light; `count()` still counts every request since the last `clear()`.
 */
export class RequestLog {
  private entries: SimRequest[] = [];
  private total = 0;

  constructor(private readonly limit = 10_000) {}

  record(entry: SimRequest): void {
    this.total++;
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Requests seen, optionally only those matching `filter` (among the retained entries). */
  count(filter?: (r: SimRequest) => boolean): number {
    return filter ? this.entries.filter(filter).length : this.total;
  }

  list(): SimRequest[] {
    return [...this.entries];
  }

  last(): SimRequest | undefined {
    return this.entries.at(-1);
  }

  clear(): void {
    this.entries = [];
    this.total = 0;
  }
}
