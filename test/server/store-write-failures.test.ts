import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log/logger.js';
import { createScheduler } from '../../server/schedule/scheduler.js';
import { createWorker } from '../../server/worker/worker.js';
import { useTempStore } from '../helpers/temp-store.js';

// `query_only` makes SQLite refuse every write (SQLITE_READONLY), as a read-only or full disk does.
// The storage fault suite does it with real disks; this proves the same paths without root.
const temp = useTempStore();

function capturedLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('error', { write: (line: string) => lines.push(line) }) };
}

describe('when the store refuses writes', () => {
  it('the worker cannot claim, logs it and keeps going instead of rejecting', async () => {
    temp.store.jobs.enqueue('order', '14', 1_000);
    const { lines, logger } = capturedLogger();
    const worker = createWorker({ jobs: temp.store.jobs, handlers: { order: { handle: async () => undefined, batchSize: 10 } }, logger, now: () => 2_000 });
    temp.store.db.pragma('query_only = ON');
    await expect(worker.drain()).resolves.toBe(0);
    expect(lines.join('')).toContain('could not claim jobs');
    temp.store.db.pragma('query_only = OFF');
    await expect(worker.drain()).resolves.toBe(1);
  });

  it('jobs a failed handler could not put back are put back once the store takes writes again, not a lease later', async () => {
    temp.store.jobs.enqueue('order', '14', 1_000);
    const { lines, logger } = capturedLogger();
    const handled: string[] = [];
    const handle = async (jobs: Array<{ entity_key: string }>) => {
      if (handled.length === 0) {
        handled.push('failed');
        temp.store.db.pragma('query_only = ON');
        throw new Error('SQLITE_FULL: database or disk is full');
      }
      handled.push(...jobs.map((j) => j.entity_key));
    };
    const worker = createWorker({ jobs: temp.store.jobs, handlers: { order: { handle, batchSize: 10 } }, logger, now: () => 2_000 });
    await expect(worker.drain()).resolves.toBe(1);
    expect(lines.join('')).toContain('could not put failed jobs back');
    temp.store.db.pragma('query_only = OFF');
    // The row still holds its lease, so a crash now would return the job after it; this process need not wait.
    expect(temp.store.jobs.find('order', '14')).toMatchObject({ state: 'running' });
    await expect(worker.drain()).resolves.toBe(1);
    expect(handled).toEqual(['failed', '14']);
    expect(temp.store.jobs.find('order', '14')).toMatchObject({ attempts: 1, last_error: 'internal error: SQLITE_FULL: database or disk is full' });
  });

  it('a scheduler tick logs the failure instead of throwing from its timer', () => {
    const { lines, logger } = capturedLogger();
    let runs = 0;
    const scheduler = createScheduler([{ name: 'reconcile', everyMs: 10, run: async () => runs++ }], { kv: temp.store.kv, now: () => 1_000, logger });
    temp.store.db.pragma('query_only = ON');
    expect(() => scheduler.tick()).not.toThrow();
    expect(lines.join('')).toContain('scheduler could not read or record task times');
    expect(runs).toBe(0);
  });
});
