import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log/logger.js';
import { createScheduler } from '../../server/schedule/scheduler.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

describe('scheduler (issue 9: one run per interval for the fleet)', () => {
  it('replicas ticking at the same moment run a due task once', async () => {
    let runs = 0;
    let clock = 1_000;
    const replicas = [0, 1, 2].map(() =>
      createScheduler([{ name: 'push-errors', everyMs: 5_000, run: async () => runs++ }], {
        kv: temp.store.kv,
        now: () => clock,
        logger: createLogger('silent'),
      }),
    );
    await Promise.all(replicas.map((r) => r.tick()));
    expect(runs).toBe(0);
    for (const at of [6_000, 11_000, 16_000]) {
      clock = at;
      await Promise.all(replicas.map((r) => r.tick()));
    }
    expect(runs).toBe(3);
  });

  it('a restart neither repeats nor skips a run: the last start is in the store', async () => {
    let runs = 0;
    const make = (now: number) =>
      createScheduler([{ name: 'reconcile', everyMs: 10_000, run: async () => runs++ }], { kv: temp.store.kv, now: () => now, logger: createLogger('silent') });
    await make(0).tick();
    await make(10_000).tick();
    await make(15_000).tick();
    expect(runs).toBe(1);
    await make(20_000).tick();
    expect(runs).toBe(2);
  });

  it('a never-run task marked firstRunAtOnce runs at the first tick, on one replica; others wait one interval', async () => {
    const runs: string[] = [];
    let clock = 1_000;
    const replicas = [0, 1, 2].map(() =>
      createScheduler(
        [
          { name: 'catalogue-full', everyMs: 10_000, firstRunAtOnce: true, run: async () => runs.push('catalogue-full') },
          { name: 'reconcile-full', everyMs: 10_000, run: async () => runs.push('reconcile-full') },
        ],
        { kv: temp.store.kv, now: () => clock, logger: createLogger('silent') },
      ),
    );
    await Promise.all(replicas.map((r) => r.tick()));
    expect(runs).toEqual(['catalogue-full']);
    clock = 5_000;
    await Promise.all(replicas.map((r) => r.tick()));
    expect(runs).toEqual(['catalogue-full']);
    clock = 11_000;
    await Promise.all(replicas.map((r) => r.tick()));
    expect(runs.sort()).toEqual(['catalogue-full', 'catalogue-full', 'reconcile-full']);
  });

  it('firstRunAtOnce does not run a task again at a restart: only a task with no recorded start', async () => {
    let runs = 0;
    const make = (now: number) =>
      createScheduler([{ name: 'catalogue-full', everyMs: 10_000, firstRunAtOnce: true, run: async () => runs++ }], {
        kv: temp.store.kv,
        now: () => now,
        logger: createLogger('silent'),
      });
    await make(0).tick();
    await make(3_000).tick();
    expect(runs).toBe(1);
  });
});
