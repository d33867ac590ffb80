import type { Db } from './open-database.js';

export type JobKind = 'order' | 'shipment' | 'return' | 'customer' | 'product' | 'collect';
export type JobState = 'pending' | 'running' | 'blocked' | 'done' | 'dead';

export interface Job {
  id: number;
  kind: JobKind;
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

/** A claimed job whose process died is claimable again after this lease, ms. */
const LEASE_MS = 5 * 60_000;

/**
 * The job row is the truth (decisions.md 5, 18): retries are `run_at` + `attempts` + `last_error`;
 * one active row per entity, so ten deliveries about one order make one job.
 */
export function createJobStore(db: Db) {
  const enqueueStmt = db.prepare(`
    INSERT INTO jobs (kind, entity_key, state, run_at, first_queued_at, created_at, updated_at)
    VALUES (@kind, @key, 'pending', @now, @now, @now, @now)
    ON CONFLICT (kind, entity_key) WHERE state IN ('pending', 'running', 'blocked') DO UPDATE SET
      dirty = CASE WHEN state = 'running' THEN 1 ELSE dirty END,
      state = CASE WHEN state = 'blocked' THEN 'pending' ELSE state END,
      run_at = CASE WHEN state = 'blocked' THEN @now ELSE run_at END,
      updated_at = @now`);
  const claimStmt = db.prepare(`
    UPDATE jobs SET state = 'running', locked_until = @lockedUntil, updated_at = @now
    WHERE id IN (
      SELECT id FROM jobs
      WHERE kind = @kind AND ((state = 'pending' AND run_at <= @now) OR (state = 'running' AND locked_until < @now))
      ORDER BY run_at, id LIMIT @limit)
    RETURNING *`);
  const claimKeyStmt = db.prepare(`
    UPDATE jobs SET state = 'running', locked_until = @lockedUntil, updated_at = @now
    WHERE kind = @kind AND entity_key = @key AND state = 'pending'
    RETURNING *`);
  const completeStmt = db.prepare(`
    UPDATE jobs SET
      state = CASE WHEN dirty = 1 THEN 'pending' ELSE 'done' END,
      finished_at = CASE WHEN dirty = 1 THEN NULL ELSE @now END,
      attempts = CASE WHEN dirty = 1 THEN 0 ELSE attempts END,
      run_at = @now, dirty = 0, locked_until = NULL, last_error = NULL, blocked_on = NULL, updated_at = @now
    WHERE id = @id`);
  const retryStmt = db.prepare(`
    UPDATE jobs SET state = 'pending', attempts = attempts + 1, run_at = @runAt, last_error = @error,
      dirty = 0, locked_until = NULL, updated_at = @now
    WHERE id = @id`);
  const blockStmt = db.prepare(`
    UPDATE jobs SET state = CASE WHEN dirty = 1 THEN 'pending' ELSE 'blocked' END, blocked_on = @blockedOn,
      last_error = @error, dirty = 0, locked_until = NULL, updated_at = @now
    WHERE id = @id`);
  const unblockStmt = db.prepare(`
    UPDATE jobs SET state = 'pending', run_at = @now, blocked_on = NULL, updated_at = @now
    WHERE state = 'blocked' AND blocked_on = @blockedOn`);
  const deadStmt = db.prepare(`
    UPDATE jobs SET state = 'dead', last_error = @error, locked_until = NULL, finished_at = @now, updated_at = @now
    WHERE id = @id`);

  return {
    enqueue(kind: JobKind, entityKey: string, now: number): void {
      enqueueStmt.run({ kind, key: entityKey, now });
    },
    claimDue(kind: JobKind, limit: number, now: number): Job[] {
      return claimStmt.all({ kind, limit, now, lockedUntil: now + LEASE_MS }) as Job[];
    },
    /** Enqueues and claims these entities at once (the backfill, which already holds their data); running ones are left alone. */
    claimNow(kind: JobKind, keys: readonly string[], now: number): Job[] {
      return db.transaction(() => keys.flatMap((key) => {
        enqueueStmt.run({ kind, key, now });
        return claimKeyStmt.all({ kind, key, now, lockedUntil: now + LEASE_MS }) as Job[];
      }))();
    },
    complete(id: number, now: number): void {
      completeStmt.run({ id, now });
    },
    retryLater(id: number, runAt: number, error: string, now: number): void {
      retryStmt.run({ id, runAt, error, now });
    },
    block(id: number, blockedOn: string, error: string, now: number): void {
      blockStmt.run({ id, blockedOn, error, now });
    },
    unblock(blockedOn: string, now: number): number {
      return unblockStmt.run({ blockedOn, now }).changes;
    },
    markDead(id: number, error: string, now: number): void {
      deadStmt.run({ id, error, now });
    },
    /** Single-node start-up: this process owns the store, so nothing can still be running. */
    releaseAllClaims(now: number): number {
      return db.prepare(`UPDATE jobs SET state = 'pending', locked_until = NULL, updated_at = ? WHERE state = 'running'`).run(now).changes;
    },
    nextRunAt(kind: JobKind): number | undefined {
      const row = db.prepare(`SELECT MIN(run_at) AS t FROM jobs WHERE kind = ? AND state = 'pending'`).get(kind) as { t: number | null };
      return row.t ?? undefined;
    },
    find(kind: JobKind, entityKey: string): Job | undefined {
      return db.prepare(`SELECT * FROM jobs WHERE kind = ? AND entity_key = ? ORDER BY id DESC LIMIT 1`).get(kind, entityKey) as Job | undefined;
    },
    countsByState(): Array<{ kind: string; state: string; n: number }> {
      return db.prepare(`SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state`).all() as Array<{ kind: string; state: string; n: number }>;
    },
    recent(limit: number): Job[] {
      return db.prepare(`SELECT * FROM jobs ORDER BY updated_at DESC LIMIT ?`).all(limit) as Job[];
    },
    oldestActiveQueuedAt(): number | undefined {
      const row = db.prepare(`SELECT MIN(first_queued_at) AS t FROM jobs WHERE state IN ('pending', 'running')`).get() as { t: number | null };
      return row.t ?? undefined;
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;
