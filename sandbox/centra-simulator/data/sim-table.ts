/** What a table needs from the store: the data clock, for bumping `updatedAt`. */
export interface TableClock {
  /** Formatted `updatedAt` value for "now". */
  stamp(): string;
}

export type Patch<T> = Partial<T> | ((record: T) => void);

/**
 * An in-memory table of SDL-shaped records, keyed by `key(record)`. Records are stored as given
 * (no copy) so seeding stays memory-light; change them through `update` so indexes and
 * `updatedAt` stay right.
 */
export class SimTable<T extends object, K extends string | number = number> {
  protected readonly rows = new Map<K, T>();

  constructor(
    private readonly key: (record: T) => K,
    private readonly clock: TableClock,
  ) {}

  get size(): number {
    return this.rows.size;
  }

  /** Adds or replaces by key. A missing `updatedAt` on a record type that has one is set to now. */
  add(...records: T[]): void {
    for (const record of records) {
      const existing = this.rows.get(this.key(record));
      if (existing) this.unindex(existing);
      const r = record as { updatedAt?: unknown };
      if ('updatedAt' in r && (r.updatedAt === undefined || r.updatedAt === null)) r.updatedAt = this.clock.stamp();
      this.rows.set(this.key(record), record);
      this.index(record);
    }
  }

  get(key: K): T | undefined {
    return this.rows.get(key);
  }

  /** Shallow-merges a patch (or runs a mutator) and bumps `updatedAt` unless the change sets it itself. */
  update(key: K, patch: Patch<T>): T {
    const record = this.rows.get(key);
    if (!record) throw new Error(`simulator: no record with key ${String(key)}`);
    this.unindex(record);
    this.rows.delete(key);
    const stamped = record as { updatedAt?: unknown };
    const before = stamped.updatedAt;
    if (typeof patch === 'function') patch(record);
    else Object.assign(record, patch);
    const setsUpdatedAt = typeof patch === 'function' ? stamped.updatedAt !== before : 'updatedAt' in patch;
    if ('updatedAt' in record && !setsUpdatedAt) stamped.updatedAt = this.clock.stamp();
    this.rows.set(this.key(record), record);
    this.index(record);
    return record;
  }

  remove(key: K): boolean {
    const record = this.rows.get(key);
    if (!record) return false;
    this.unindex(record);
    return this.rows.delete(key);
  }

  has(key: K): boolean {
    return this.rows.has(key);
  }

  values(): T[] {
    return [...this.rows.values()];
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.rows.values();
  }

  clear(): void {
    for (const record of this.rows.values()) this.unindex(record);
    this.rows.clear();
  }

  /** Hooks for secondary indexes; called with the record as stored. */
  protected index(_record: T): void {}
  protected unindex(_record: T): void {}
}
