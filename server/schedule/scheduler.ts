import type { Logger } from '../log/logger.js';
import type { KvStore } from '../store/kv-store.js';

export interface ScheduledTask {
  name: string;
  everyMs: number;
  /**
   * A task that has never run (no start recorded in the store) runs at the first tick when true, else one interval
   * after it (the default: a fresh install should not reconcile 90 days the moment it boots).
   */
  firstRunAtOnce?: boolean;
  run: () => Promise<unknown>;
}

/**
 * Runs tasks at their intervals, remembering each task's last start in the store so a restart neither
 * repeats nor skips a run. A task never overlaps itself. `tick` is called at start and by a timer (open-service.ts).
 */
export function createScheduler(tasks: ScheduledTask[], deps: { kv: KvStore; now: () => number; logger: Logger }) {
  const running = new Set<string>();
  let ticking = false;
  return {
    /** Never rejects: a timer calls it. Resolves once due tasks are started (not finished). */
    async tick(): Promise<void> {
      if (ticking) return;
      ticking = true;
      try {
        await startDueTasks();
      } catch (error) {
        // A full or read-only disk must not take the process down from a timer; the next tick tries again.
        deps.logger.error({ err: error }, 'scheduler could not read or record task times; retrying next tick');
      } finally {
        ticking = false;
      }
    },
    busy: (): boolean => running.size > 0,
  };

  async function startDueTasks(): Promise<void> {
    for (const task of tasks) {
      if (running.has(task.name)) continue;
      if (!(await claimRun(task))) continue;
      running.add(task.name);
      task
        .run()
        .catch((error) => deps.logger.warn({ err: error, task: task.name }, `scheduled ${task.name} failed`))
        .finally(() => running.delete(task.name));
    }
  }

  /**
   * Moves the task's last start with a compare-and-set, so of several replicas ticking at once exactly one runs
   * each due task per interval (issue 9); true when this tick won.
   */
  async function claimRun(task: ScheduledTask): Promise<boolean> {
    const key = `schedule:${task.name}`;
    const now = deps.now();
    const last = await deps.kv.get<number>(key);
    if (last === undefined) {
      // Of several replicas starting at once, the one that records the first start runs an at-once task.
      const won = await deps.kv.setIfAbsent(key, now);
      return won && task.firstRunAtOnce === true;
    }
    if (now - last < task.everyMs) return false;
    return deps.kv.compareAndSet(key, last, now);
  }
}
