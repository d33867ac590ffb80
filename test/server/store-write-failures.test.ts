import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log/logger.js';
import { createScheduler } from '../../server/schedule/scheduler.js';
import { createWorker } from '../../server/worker/worker.js';
import { storeEngine } from '../helpers/postgres.js';
import { useTempStore } from '../helpers/temp-store.js';

// `query_only` makes SQLite refuse every write (SQLITE_READONLY), as a read-only or full disk does.
// The storage fault suite does it with real disks; this proves the same paths without root. SQLite only: the
// PRAGMA has no PostgreSQL twin, and a refusing disk is an embedded-store failure.
const temp = useTempStore();
const refuseWrites = (on: boolean) => temp.store.sql.run(`PRAGMA query_only = ${on ? 'ON' : 'OFF'}`);

function capturedLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('error', { write: (line: string) => lines.push(line) }) };
}

describe.skipIf(storeEngine === 'postgres')('when the store refuses writes', () => {
  it('the worker cannot claim, logs it and keeps going instead of rejecting', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    const { lines, logger } = capturedLogger();
    const worker = createWorker({ jobs: temp.store.jobs, handlers: { order: { handle: async () => undefined, batchSize: 10 } }, logger, now: () => 2_000 });
    await refuseWrites(true);
    await expect(worker.drain()).resolves.toBe(0);
    expect(lines.join('')).toContain('could not claim jobs');
    await refuseWrites(false);
    await expect(worker.drain()).resolves.toBe(1);
  });

  it('jobs a failed handler could not put back are put back once the store takes writes again, not a lease later', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    const { lines, logger } = capturedLogger();
    const handled: string[] = [];
    const handle = async (jobs: Array<{ entity_key: string }>) => {
      if (handled.length === 0) {
        handled.push('failed');
        await refuseWrites(true);
        throw new Error('SQLITE_FULL: database or disk is full');
      }
      handled.push(...jobs.map((j) => j.entity_key));
    };
    const worker = createWorker({ jobs: temp.store.jobs, handlers: { order: { handle, batchSize: 10 } }, logger, now: () => 2_000 });
    await expect(worker.drain()).resolves.toBe(1);
    expect(lines.join('')).toContain('could not put failed jobs back');
    await refuseWrites(false);
    // The row still holds its lease, so a crash now would return the job after it; this process need not wait.
    expect(await temp.store.jobs.find('order', '14')).toMatchObject({ state: 'running' });
    await expect(worker.drain()).resolves.toBe(1);
    expect(handled).toEqual(['failed', '14']);
    expect(await temp.store.jobs.find('order', '14')).toMatchObject({ attempts: 1, last_error: 'internal error: SQLITE_FULL: database or disk is full' });
  });

  it('a scheduler tick logs the failure instead of rejecting from its timer', async () => {
    const { lines, logger } = capturedLogger();
    let runs = 0;
    const scheduler = createScheduler([{ name: 'reconcile', everyMs: 10, run: async () => runs++ }], { kv: temp.store.kv, now: () => 1_000, logger });
    await refuseWrites(true);
    await expect(scheduler.tick()).resolves.toBeUndefined();
    expect(lines.join('')).toContain('scheduler could not read or record task times');
    expect(runs).toBe(0);
  });
});
