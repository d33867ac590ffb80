import { describe, expect, it } from 'vitest';
import { createAlerter } from '../../server/alerts/alerter.js';
import { createLogger } from '../../server/log/logger.js';
import type { Job } from '../../server/store/job-store.js';
import { createChunkPipeline, type ChunkStages } from '../../server/worker/chunk-pipeline.js';
import type { StepFailure } from '../../server/worker/settle-jobs.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();
const NOW = 1_700_000_000_000;

function settleContext() {
  const logger = createLogger('silent');
  return { store: temp.store, alerter: createAlerter({ alerts: temp.store.alerts, logger, now: () => NOW }), logger, now: () => NOW, random: () => 0.5 };
}

/** `count` claimed order jobs, keys 1..count. */
async function claimJobs(count: number): Promise<Job[]> {
  await temp.store.jobs.enqueueMany(Array.from({ length: count }, (_, i) => ({ kind: 'order', entityKey: String(i + 1), now: NOW })));
  const jobs = await temp.store.jobs.claimDue('order', count, NOW);
  return jobs.sort((a, b) => Number(a.entity_key) - Number(b.entity_key));
}

const keys = (jobs: readonly Job[]) => jobs.map((j) => Number(j.entity_key));

/** Stages that log what they do; each send waits until the test releases it. */
function loggingStages(log: string[], failAt?: { chunk: number; failure: StepFailure }) {
  const releases: Array<() => void> = [];
  let sent = 0;
  const stages: ChunkStages<Job[]> = {
    async prepare(jobs) {
      log.push(`prepare ${keys(jobs)[0]}-${keys(jobs).at(-1)}`);
      return [...jobs];
    },
    async send(jobs) {
      log.push(`send ${keys(jobs)[0]}-${keys(jobs).at(-1)}`);
      await new Promise<void>((resolve) => releases.push(resolve));
      sent++;
      if (failAt && sent === failAt.chunk) return failAt.failure;
      for (const job of jobs) await temp.store.jobs.complete(job.id, NOW);
      return undefined;
    },
    unsettled: (jobs) => jobs,
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((r) => setTimeout(r, 1));
    releases.shift()!();
  };
  return { stages, releaseNext };
}

describe('chunk pipeline (issue 17: Centra reads and Ometria pushes at the same time)', () => {
  it('sends chunks in the order they were read, prepares the next while one is sent, and holds reads to the read-ahead', async () => {
    const jobs = await claimJobs(50);
    const log: string[] = [];
    const { stages, releaseNext } = loggingStages(log);
    const pipeline = createChunkPipeline(settleContext(), stages, { chunkSize: 10, readAhead: 30 });

    pipeline.add(jobs.slice(0, 20));
    await pipeline.roomFor(10);
    pipeline.add(jobs.slice(20, 30));
    let readsAllowed = false;
    const room = pipeline.roomFor(1).then(() => (readsAllowed = true));
    await new Promise((r) => setTimeout(r, 20));
    // Chunk 1 is being sent, chunks 2 and 3 are prepared meanwhile; 30 jobs are held, so one more read waits.
    expect(log).toHaveLength(4);
    expect(log).toEqual(expect.arrayContaining(['prepare 1-10', 'send 1-10', 'prepare 11-20', 'prepare 21-30']));
    expect(readsAllowed).toBe(false);
    await releaseNext();
    await room;
    expect(readsAllowed).toBe(true);

    pipeline.add(jobs.slice(30, 45));
    const finished = pipeline.finish();
    for (let i = 0; i < 4; i++) await releaseNext();
    await finished;
    expect(log.filter((l) => l.startsWith('send'))).toEqual(['send 1-10', 'send 11-20', 'send 21-30', 'send 31-40', 'send 41-45']);
    const counts = await temp.store.jobs.countsByState();
    expect(counts).toHaveLength(2);
    expect(counts).toEqual(
      expect.arrayContaining([
        { kind: 'order', state: 'done', n: 45 },
        { kind: 'order', state: 'running', n: 5 },
      ]),
    );
  });

  it('a failed send stops the batch: later chunks are not sent, and they and the unread jobs wait as the failure says', async () => {
    const jobs = await claimJobs(40);
    const log: string[] = [];
    const failure: StepFailure = { ok: false, reason: 'Ometria answered 503 on push', retryAfterMs: 120_000 };
    const { stages, releaseNext } = loggingStages(log, { chunk: 1, failure });
    const pipeline = createChunkPipeline(settleContext(), stages, { chunkSize: 10, readAhead: 100 });

    pipeline.add(jobs.slice(0, 20));
    expect(pipeline.stopped()).toBe(false);
    await releaseNext();
    await new Promise((r) => setTimeout(r, 20));
    expect(pipeline.stopped()).toBe(true);
    pipeline.add(jobs.slice(20, 30));
    await pipeline.finish();
    await pipeline.rescheduleUnread(jobs.slice(30));

    expect(log).toHaveLength(3);
    expect(log).toEqual(expect.arrayContaining(['prepare 1-10', 'send 1-10', 'prepare 11-20']));
    for (const job of jobs.slice(10)) {
      const row = await temp.store.jobs.find('order', job.entity_key);
      expect(row).toMatchObject({ state: 'pending', last_error: failure.reason });
      expect(row!.run_at).toBeGreaterThanOrEqual(NOW + failure.retryAfterMs);
    }
  });

  it('a bug in a stage stops the chunks after it, and finish rethrows it so the worker puts the batch back', async () => {
    const jobs = await claimJobs(30);
    const sent: number[][] = [];
    const pipeline = createChunkPipeline(
      settleContext(),
      {
        prepare: async (chunk) => {
          if (chunk[0]!.entity_key === '11') throw new TypeError('mapping bug');
          return [...chunk];
        },
        send: async (chunk) => {
          sent.push(keys(chunk));
          return undefined;
        },
        unsettled: (chunk) => chunk,
      },
      { chunkSize: 10, readAhead: 100 },
    );
    pipeline.add(jobs);
    await expect(pipeline.finish()).rejects.toThrow('mapping bug');
    expect(pipeline.stopped()).toBe(true);
    expect(sent).toEqual([keys(jobs.slice(0, 10))]);
  });
});
