import type { Logger } from '../log/logger.js';
import type { Job, JobKind, JobStore } from '../store/job-store.js';

export type Handler = (jobs: Job[]) => Promise<void>;

export interface WorkerOptions {
  jobs: JobStore;
  handlers: Partial<Record<JobKind, { handle: Handler; batchSize: number }>>;
  logger: Logger;
  now: () => number;
  /** Longest idle wait between looks at the job table, ms (default: 1000). */
  idleMs?: number;
}

/**
 * Claims due jobs and hands them to their handler, one batch at a time. It never sleeps on a retry:
 * a retry is a future `run_at`, so a restart loses nothing.
 */
export function createWorker(options: WorkerOptions) {
  const idleMs = options.idleMs ?? 1_000;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let inFlight = 0;

  const runOnce = async (): Promise<number> => {
    let claimed = 0;
    for (const [kind, handler] of Object.entries(options.handlers) as Array<[JobKind, { handle: Handler; batchSize: number }]>) {
      if (!running) break;
      const batch = options.jobs.claimDue(kind, handler.batchSize, options.now());
      if (batch.length === 0) continue;
      claimed += batch.length;
      inFlight = batch.length;
      try {
        await handler.handle(batch);
      } catch (error) {
        // A bug, not a remote failure: the jobs go back with the error visible, and the worker lives on.
        options.logger.error({ err: error, kind }, 'sync handler failed');
        for (const job of batch) options.jobs.retryLater(job.id, options.now() + 60_000, `internal error: ${(error as Error).message}`, options.now());
      } finally {
        inFlight = 0;
      }
    }
    return claimed;
  };

  const idle = (): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, idleMs);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  return {
    start(): void {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          const claimed = await runOnce();
          if (claimed === 0 && running) await idle();
        }
      })();
    },
    /** Graceful: the batch in hand finishes and is settled; nothing new is claimed. */
    async stop(): Promise<void> {
      running = false;
      wakeUp?.();
      await loop;
    },
    wake(): void {
      wakeUp?.();
    },
    /** Runs due jobs until none is left (CLI replay, tests); returns how many were claimed. */
    async drain(): Promise<number> {
      running = true;
      let total = 0;
      for (let n = await runOnce(); n > 0; n = await runOnce()) total += n;
      running = false;
      return total;
    },
    isRunning: (): boolean => running,
    inFlight: (): number => inFlight,
  };
}

export type Worker = ReturnType<typeof createWorker>;
