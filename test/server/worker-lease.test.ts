import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log/logger.js';
import { createWorker } from '../../server/worker/worker.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

describe('job leases (issue 9: replicas share the job table)', () => {
  it('a batch that outlives its lease stays claimed while it runs, and no other claimer takes it', async () => {
    await temp.store.jobs.enqueue('order', '14', Date.now());
    const takenMeanwhile: number[] = [];
    const handle = async () => {
      // Three leases long: without renewal another replica would claim the job twice over.
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 150));
        takenMeanwhile.push((await temp.store.jobs.claimDue('order', 10, Date.now(), 300)).length);
      }
    };
    const worker = createWorker({
      jobs: temp.store.jobs,
      handlers: { order: { handle, batchSize: 10 } },
      logger: createLogger('silent'),
      now: Date.now,
      leaseMs: 300,
    });
    expect(await worker.drain()).toBe(1);
    expect(takenMeanwhile).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('the jobs of a claimer that died come back once its lease ends', async () => {
    await temp.store.jobs.enqueue('order', '14', 1_000);
    expect(await temp.store.jobs.claimDue('order', 10, 1_000, 3_000)).toHaveLength(1);
    expect(await temp.store.jobs.claimDue('order', 10, 4_000, 3_000)).toHaveLength(0);
    expect(await temp.store.jobs.claimDue('order', 10, 4_001, 3_000)).toHaveLength(1);
  });
});
