/**
 * The one seam between the repositories and a database engine (issue 9): SQLite (embedded, the default) or
 * PostgreSQL (several replicas). Repositories write SQL both engines accept; where they differ they branch on
 * `dialect`, in the repository, next to the statement.
 *
 * Parameters are named `@name` (an object) or positional `?` (an array); the PostgreSQL client rewrites both to
 * `$n`. Integers come back as JS numbers on both engines (times are Unix ms, far below 2^53).
 */
export type Dialect = 'sqlite' | 'postgres';

export type SqlParams = Readonly<Record<string, unknown>> | readonly unknown[];

export interface Sql {
  readonly dialect: Dialect;
  all<T>(text: string, params?: SqlParams): Promise<T[]>;
  get<T>(text: string, params?: SqlParams): Promise<T | undefined>;
  /** `changes`: rows inserted, updated or deleted. */
  run(text: string, params?: SqlParams): Promise<{ changes: number }>;
  /**
   * Runs `fn` in one transaction on one connection and commits, or rolls back if it throws. Inside, use only
   * `tx`: the outer client waits for the transaction to end (SQLite) or is another connection (PostgreSQL).
   * Nested calls on `tx` run inside the same transaction.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<boolean>;
}
