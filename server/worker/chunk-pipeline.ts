import type { Job } from '../store/job-store.js';
import { rescheduleAll, type SettleContext, type StepFailure } from './settle-jobs.js';

/** The two stages a batch's jobs go through once read, a chunk at a time. */
export interface ChunkStages<Prepared> {
  /** Settles the jobs that cannot go on and returns the rest, e.g. maps fetched orders. One chunk at a time, in order. */
  prepare(jobs: readonly Job[]): Promise<Prepared>;
  /**
   * Sends a prepared chunk and settles its jobs; returns the failure that rescheduled them, if one did. One chunk at
   * a time, in order, while the next chunk is prepared.
   */
  send(prepared: Prepared): Promise<StepFailure | undefined>;
  /** The jobs of a prepared chunk that are not settled yet. */
  unsettled(prepared: Prepared): readonly Job[];
}

export interface ChunkPipelineOptions {
  /** Jobs per chunk: one push's worth, so sends start while later jobs are still read. */
  chunkSize: number;
  /** Jobs read but not yet sent, at most, before roomFor waits: bounds the fetched objects held in memory. */
  readAhead: number;
}

/**
 * Settles a batch in chunks while the rest of it is still read: a remote that reads (Centra) and one that takes
 * pushes (Ometria) are busy at the same time instead of in turn, which is what bounds a batch when both are far
 * away (docs/scaling.md). Chunks are sent in the order they were added, so a customer's orders reach Ometria in
 * claim order. A send that fails stops the batch: the chunks after it are rescheduled as the failure says, unsent.
 * A bug in a stage stops it too; finish() rethrows it, and the worker puts the batch back.
 */
export function createChunkPipeline<Prepared>(ctx: SettleContext, stages: ChunkStages<Prepared>, options: ChunkPipelineOptions) {
  let buffered: Job[] = [];
  const inHand: Array<{ size: number; done: Promise<void> }> = [];
  let preparing: Promise<unknown> = Promise.resolve();
  let sending: Promise<void> = Promise.resolve();
  let failure: StepFailure | undefined;
  let bug: { error: unknown } | undefined;

  const launch = (jobs: Job[]): void => {
    const prepared = preparing.then(async () => (bug || failure ? undefined : { value: await stages.prepare(jobs) }));
    preparing = prepared.catch(() => undefined);
    const done = Promise.all([sending, prepared])
      .then(async ([, p]) => {
        if (bug) return;
        if (failure) return rescheduleAll(ctx, p ? stages.unsettled(p.value) : jobs, failure);
        failure = await stages.send(p!.value);
      })
      .catch((error: unknown) => {
        bug ??= { error };
      });
    sending = done;
    inHand.push({ size: jobs.length, done });
  };

  const held = () => buffered.length + inHand.reduce((n, c) => n + c.size, 0);

  return {
    /** Waits until `jobs` more can be read without holding more than readAhead unsent. */
    async roomFor(jobs: number): Promise<void> {
      while (inHand.length > 0 && held() + jobs > options.readAhead) await inHand.shift()!.done;
    },
    /** Jobs whose objects were read; every full chunk starts on its way. */
    add(jobs: readonly Job[]): void {
      buffered.push(...jobs);
      while (buffered.length >= options.chunkSize) launch(buffered.splice(0, options.chunkSize));
    },
    /** True once a send failed or a stage hit a bug: reading more would be wasted. */
    stopped: (): boolean => failure !== undefined || bug !== undefined,
    /** Reschedules jobs never added (not read because the batch stopped) as the failed send's jobs were. */
    async rescheduleUnread(jobs: readonly Job[]): Promise<void> {
      if (failure) await rescheduleAll(ctx, jobs, failure);
    },
    /** Sends what is left and waits for every chunk; rethrows a stage's bug. */
    async finish(): Promise<void> {
      if (buffered.length > 0) launch(buffered);
      buffered = [];
      await sending;
      if (bug) throw bug.error;
    },
  };
}
