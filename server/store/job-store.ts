import { createRowCountStore } from './row-count-store.js';
import { inLockOrder, multiRowText, statementChunks, valuesPlaceholders } from './sql/multi-row.js';
import type { Sql } from './sql/sql.js';

export type JobState = 'pending' | 'running' | 'blocked' | 'done' | 'dead';

export interface Job {
  id: number;
  /** A JobKind (server/jobs/job-kinds.ts); the store takes any kind name and the jobs layer narrows it. */
  kind: string;
  entity_key: string;
  state: JobState;
  attempts: number;
  run_at: number;
  last_error: string | null;
  dirty: number;
  blocked_on: string | null;
  first_queued_at: number;
  updated_at: number;
}

/**
 * A claimed job whose process died is claimable again after its lease, ms. The worker renews the lease of the
 * batch in hand (a third of the lease apart), so the lease bounds how long a killed replica's jobs wait, not
 * how long a batch may take. JOB_LEASE_SECONDS sets it for the service.
 */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * The job row is the truth (docs/design.md D5, D18): retries are `run_at` + `attempts` + `last_error`;
 * one active row per entity, so ten deliveries about one order make one job.
 */
export function createJobStore(sql: Sql) {
  const counts = createRowCountStore(sql);
  const enqueue = (db: Sql, kind: string, key: string, now: number) => enqueueMany(db, [{ kind, entityKey: key, now }]);
  const unblock = async (blockedOn: string, now: number): Promise<number> =>
    (
      await sql.run(
        `
        UPDATE jobs SET state = 'pending', run_at = @now, blocked_on = NULL, updated_at = @now
        WHERE state = 'blocked' AND blocked_on = @blockedOn`,
        { blockedOn, now },
      )
    ).changes;

  // PostgreSQL: several replicas claim at once, each in its own transaction. SKIP LOCKED lets a claimer pass over
  // the rows another one is claiming instead of waiting and then taking them too, so no job is claimed twice.
  // SQLite has one writer at a time and no row locks; the statement alone is atomic there.
  const lockDue = sql.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
  const claimDueText = `
    UPDATE jobs SET state = 'running', locked_until = @lockedUntil, updated_at = @now
    WHERE id IN (
      SELECT id FROM jobs
      WHERE kind = @kind AND ((state = 'pending' AND run_at <= @now) OR (state = 'running' AND locked_until < @now))
      ORDER BY run_at, id LIMIT @limit ${lockDue})
    RETURNING *`;

  return {
    async enqueue(kind: string, entityKey: string, now: number): Promise<void> {
      await enqueue(sql, kind, entityKey, now);
    },
    /** Enqueues each in turn, as `enqueue` would one by one, in one statement per ROWS_PER_STATEMENT entities. */
    async enqueueMany(entries: readonly JobRequest[]): Promise<void> {
      await enqueueMany(sql, entries);
    },
    /** Oldest first. A claim holds the job for `leaseMs` (locked_until); after that another claimer may take it. */
    async claimDue(kind: string, limit: number, now: number, leaseMs = DEFAULT_LEASE_MS): Promise<Job[]> {
      const jobs = await sql.all<Job>(claimDueText, { kind, limit, now, lockedUntil: now + leaseMs });
      // RETURNING gives no order on either engine.
      return jobs.sort(oldestFirst);
    },
    /** Enqueues and claims these entities at once (the backfill, which already holds their data); running ones are left alone. */
    claimNow(kind: string, keys: readonly string[], now: number, leaseMs = DEFAULT_LEASE_MS): Promise<Job[]> {
      return sql.transaction(async (tx) => {
        const claimed: Job[] = [];
        for (const key of keys) {
          await enqueue(tx, kind, key, now);
          claimed.push(
            ...(await tx.all<Job>(
              `
            UPDATE jobs SET state = 'running', locked_until = @lockedUntil, updated_at = @now
            WHERE kind = @kind AND entity_key = @key AND state = 'pending'
            RETURNING *`,
              { kind, key, now, lockedUntil: now + leaseMs },
            )),
          );
        }
        return claimed;
      });
    },
    /** Keeps the batch in hand claimed; rows already settled (no longer running) are left alone. */
    async extendLease(ids: readonly number[], lockedUntil: number): Promise<void> {
      if (ids.length === 0) return;
      await sql.run(`UPDATE jobs SET locked_until = ? WHERE state = 'running' AND id IN (${ids.map(() => '?').join(', ')})`, [lockedUntil, ...ids]);
    },
    async complete(id: number, now: number): Promise<void> {
      await sql.run(
        `
        UPDATE jobs SET
          state = CASE WHEN dirty = 1 THEN 'pending' ELSE 'done' END,
          finished_at = CASE WHEN dirty = 1 THEN NULL ELSE CAST(@now AS BIGINT) END,
          attempts = CASE WHEN dirty = 1 THEN 0 ELSE attempts END,
          run_at = @now, dirty = 0, locked_until = NULL, last_error = NULL, blocked_on = NULL, updated_at = @now
        WHERE id = @id`,
        { id, now },
      );
    },
    async retryLater(id: number, runAt: number, error: string, now: number): Promise<void> {
      await sql.run(
        `
        UPDATE jobs SET state = 'pending', attempts = attempts + 1, run_at = @runAt, last_error = @error,
          dirty = 0, locked_until = NULL, updated_at = @now
        WHERE id = @id`,
        { id, runAt, error, now },
      );
    },
    async block(id: number, blockedOn: string, error: string, now: number): Promise<void> {
      await sql.run(
        `
        UPDATE jobs SET state = CASE WHEN dirty = 1 THEN 'pending' ELSE 'blocked' END, blocked_on = @blockedOn,
          last_error = @error, dirty = 0, locked_until = NULL, updated_at = @now
        WHERE id = @id`,
        { id, blockedOn, error, now },
      );
    },
    unblock,
    /** `unblock` for each key once, in lock order: replicas unblocking the same keys wait for each other, never deadlock. */
    async unblockAll(blockedOn: readonly string[], now: number): Promise<void> {
      for (const [key] of inLockOrder(new Map(blockedOn.map((k) => [k, k])))) await unblock(key, now);
    },
    async markDead(id: number, error: string, now: number): Promise<void> {
      await sql.run(
        `
        UPDATE jobs SET state = 'dead', last_error = @error, locked_until = NULL, finished_at = @now, updated_at = @now
        WHERE id = @id`,
        { id, error, now },
      );
    },
    /** Single-node start-up: this process owns the store, so nothing can still be running. */
    async releaseAllClaims(now: number): Promise<number> {
      return (await sql.run(`UPDATE jobs SET state = 'pending', locked_until = NULL, updated_at = ? WHERE state = 'running'`, [now])).changes;
    },
    async nextRunAt(kind: string): Promise<number | undefined> {
      const row = await sql.get<{ t: number | null }>(`SELECT MIN(run_at) AS t FROM jobs WHERE kind = ? AND state = 'pending'`, [kind]);
      return row?.t ?? undefined;
    },
    find(kind: string, entityKey: string): Promise<Job | undefined> {
      return sql.get<Job>(`SELECT * FROM jobs WHERE kind = ? AND entity_key = ? ORDER BY id DESC LIMIT 1`, [kind, entityKey]);
    },
    /** From the trigger-kept row_counts (migration 5): the cost of a read does not grow with the table. */
    async countsByState(): Promise<Array<{ kind: string; state: string; n: number }>> {
      return (await counts.counts('jobs')).map((r) => ({ kind: r.k1, state: r.k2, n: r.n }));
    },
    recent(limit: number): Promise<Job[]> {
      return sql.all<Job>(`SELECT * FROM jobs ORDER BY updated_at DESC LIMIT ?`, [limit]);
    },
    async oldestActiveQueuedAt(): Promise<number | undefined> {
      // One MIN per state: each is one seek on jobs_queued (state, first_queued_at), where an IN would walk the range.
      const row = await sql.get<{ t: number | null }>(`SELECT MIN(t) AS t FROM (
        SELECT MIN(first_queued_at) AS t FROM jobs WHERE state = 'pending'
        UNION ALL SELECT MIN(first_queued_at) AS t FROM jobs WHERE state = 'running') AS oldest`);
      return row?.t ?? undefined;
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;

/** One entity to sync: `now` is when it was asked for (Unix ms). */
export interface JobRequest {
  kind: string;
  entityKey: string;
  now: number;
}

/**
 * What enqueueing does to an entity's active row (docs/design.md D5): a running one is marked dirty, a blocked one
 * is pending again from the new request's time; `excluded` is the row the request would have inserted. Shared by
 * the multi-row statement below and PostgreSQL's intake statement (delivery-store.ts).
 */
export const ENQUEUE_ON_CONFLICT = `
    ON CONFLICT (kind, entity_key) WHERE state IN ('pending', 'running', 'blocked') DO UPDATE SET
      dirty = CASE WHEN jobs.state = 'running' THEN 1 ELSE jobs.dirty END,
      state = CASE WHEN jobs.state = 'blocked' THEN 'pending' ELSE jobs.state END,
      run_at = CASE WHEN jobs.state = 'blocked' THEN excluded.run_at ELSE jobs.run_at END,
      updated_at = excluded.updated_at`;

const enqueueText = multiRowText(
  (rowCount) => `
    INSERT INTO jobs (kind, entity_key, state, run_at, first_queued_at, created_at, updated_at)
    VALUES ${valuesPlaceholders(rowCount, 7)}${ENQUEUE_ON_CONFLICT}`,
);

/** An entity's requests folded into one row: the first request's time and the last one's (Unix ms). */
export interface FoldedJobRequest {
  kind: string;
  entityKey: string;
  first: number;
  last: number;
}

/**
 * One row per entity, in lock order. The same entity twice in one statement would make PostgreSQL refuse the
 * upsert, so repeats are folded first into the row that asking in turn would leave: the first request's time as
 * run_at and first_queued_at, the last one's as updated_at. Replicas' groups may ask for the same entities at
 * once, hence the lock order (multi-row.ts inLockOrder).
 */
export function foldJobRequests(entries: readonly JobRequest[]): FoldedJobRequest[] {
  const folded = new Map<string, FoldedJobRequest>();
  for (const e of entries) {
    const id = `${e.kind}\u0000${e.entityKey}`;
    const seen = folded.get(id);
    if (seen) seen.last = e.now;
    else folded.set(id, { kind: e.kind, entityKey: e.entityKey, first: e.now, last: e.now });
  }
  return inLockOrder(folded).map(([, row]) => row);
}

/** One active row per entity (docs/design.md D5): a new one is pending; an active one changes as ENQUEUE_ON_CONFLICT says. */
export async function enqueueMany(db: Sql, entries: readonly JobRequest[]): Promise<void> {
  for (const rows of statementChunks(foldJobRequests(entries))) {
    await db.run(
      enqueueText(rows.length),
      rows.flatMap((r) => [r.kind, r.entityKey, 'pending', r.first, r.first, r.first, r.last]),
    );
  }
}

function oldestFirst(a: Job, b: Job): number {
  return a.run_at - b.run_at || a.id - b.id;
}
