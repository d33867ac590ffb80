import type { Logger } from '../log/logger.js';
import { DEFAULT_LEASE_MS, type Job, type JobStore } from '../store/job-store.js';
import { timerDelay } from '../remote/safe-timer.js';

export type Handler = (jobs: Job[]) => Promise<void>;

/** What the worker runs for one job kind: its handler and at most how many jobs one call is given. */
export interface KindHandler {
  handle: Handler;
  batchSize: number;
}

export interface WorkerOptions {
  jobs: JobStore;
  /** By job kind; a kind not here is never claimed, so its jobs stay pending. */
  handlers: Readonly<Record<string, KindHandler>>;
  logger: Logger;
  now: () => number;
  /** Longest idle wait between looks at the job table, ms (default: 1000). */
  idleMs?: number;
  /** How long a claim holds a job if this process dies, ms (JOB_LEASE_SECONDS); renewed while the batch runs. */
  leaseMs?: number;
}

/**
 * Claims due jobs and hands them to their handler, one batch at a time. It never sleeps on a retry:
 * a retry is a future `run_at`, so a restart loses nothing.
 */
export function createWorker(options: WorkerOptions) {
  const idleMs = options.idleMs ?? 1_000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let inFlight = 0;

  // Jobs this process claimed but could not put back (the disk refused the write). Their rows still say
  // `running` under a lease, so a crash loses nothing; holding them here only returns them sooner than the lease.
  let unsettled: Array<{ job: Job; error: string }> = [];

  const runOnce = async (): Promise<number> => {
    if (!(await settleLeftovers())) return 0;
    let claimed = 0;
    for (const [kind, handler] of Object.entries(options.handlers)) {
      if (!running) break;
      const batch = await claim(kind, handler.batchSize);
      if (batch.length === 0) continue;
      claimed += batch.length;
      inFlight = batch.length;
      const renewal = setInterval(() => void renewLease(batch), leaseMs / 3);
      try {
        await handler.handle(batch);
      } catch (error) {
        // A bug, not a remote failure: the jobs go back with the error visible, and the worker lives on.
        options.logger.error({ err: error, kind }, 'sync handler failed');
        await putBack(batch, error as Error);
      } finally {
        clearInterval(renewal);
        inFlight = 0;
      }
    }
    return claimed;
  };

  // A full or read-only disk makes every job write throw. The worker must outlive it: claims come back
  // empty (the loop idles and looks again), and jobs it cannot put back return when their lease expires.
  const claim = async (kind: string, limit: number): Promise<Job[]> => {
    try {
      return await options.jobs.claimDue(kind, limit, options.now(), leaseMs);
    } catch (error) {
      options.logger.error({ err: error, kind }, 'could not claim jobs from the store; retrying after the idle wait');
      return [];
    }
  };

  const putBack = async (batch: Job[], cause: Error): Promise<void> => {
    unsettled.push(...batch.map((job) => ({ job, error: `internal error: ${cause.message}` })));
    if (!(await settleLeftovers(60_000)))
      options.logger.error({ kind: batch[0]?.kind, jobs: batch.length }, 'could not put failed jobs back; retrying before the next claim');
  };

  // Another replica may take a job whose lease ran out; renewing while the batch runs keeps it ours.
  const renewLease = async (batch: Job[]): Promise<void> => {
    try {
      await options.jobs.extendLease(
        batch.map((job) => job.id),
        options.now() + leaseMs,
      );
    } catch (error) {
      options.logger.warn({ err: error, jobs: batch.length }, 'could not renew the lease of the batch in hand');
    }
  };

  /** True when nothing is left to put back. */
  const settleLeftovers = async (delayMs = 0): Promise<boolean> => {
    while (unsettled.length > 0) {
      const { job, error } = unsettled[0]!;
      try {
        await options.jobs.retryLater(job.id, options.now() + delayMs, error, options.now());
      } catch (writeError) {
        options.logger.debug({ err: writeError }, 'store still refuses writes');
        return false;
      }
      unsettled = unsettled.slice(1);
    }
    return true;
  };

  const idle = (): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, timerDelay(idleMs));
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
