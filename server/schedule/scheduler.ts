import type { Logger } from '../log/logger.js';
import type { KvStore } from '../store/kv-store.js';

export interface ScheduledTask {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

/**
 * Runs tasks at their intervals, remembering each task's last start in the store so a restart neither
 * repeats nor skips a run. A task never overlaps itself. `tick` is called by a timer in main.ts.
 */
export function createScheduler(tasks: ScheduledTask[], deps: { kv: KvStore; now: () => number; logger: Logger }) {
  const running = new Set<string>();
  return {
    tick(): void {
      try {
        startDueTasks();
      } catch (error) {
        // A full or read-only disk must not take the process down from a timer; the next tick tries again.
        deps.logger.error({ err: error }, 'scheduler could not read or record task times; retrying next tick');
      }
    },
    busy: (): boolean => running.size > 0,
  };

  function startDueTasks(): void {
    for (const task of tasks) {
      const key = `schedule:${task.name}`;
      const last = deps.kv.get<number>(key);
      // A task's first ever run is one interval after the first start, not at once: a fresh install
      // should not reconcile 90 days the moment it boots.
      if (last === undefined) {
        deps.kv.set(key, deps.now());
        continue;
      }
      if (running.has(task.name) || deps.now() - last < task.everyMs) continue;
      deps.kv.set(key, deps.now());
      running.add(task.name);
      task.run()
        .catch((error) => deps.logger.warn({ err: error, task: task.name }, `scheduled ${task.name} failed`))
        .finally(() => running.delete(task.name));
    }
  }
}
