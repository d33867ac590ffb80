import type { CatalogueAlert } from '../alerts/alert-catalogue.js';
import type { Alerter } from '../alerts/alerter.js';
import { raiseAuthAlert, resolveAuthAlert } from '../alerts/auth-alert.js';
import type { Logger } from '../log/logger.js';
import { RemoteError } from '../remote/remote-errors.js';
import type { NewDeadLetter } from '../store/dead-letter-store.js';
import type { Job } from '../store/job-store.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../metrics/metrics.js';
import { backoffMs } from './backoff.js';

/**
 * The one home of how a handler settles a job it cannot complete now: retried later, rescheduled after a remote
 * failure, or dead-lettered. Retries are data (the job row's run_at, attempts and last_error), never a sleep, so a
 * restart loses nothing. Completing and blocking are single store calls and stay in the handlers.
 */
export interface SettleContext {
  store: Pick<Store, 'jobs' | 'deadLetters'>;
  alerter: Alerter;
  logger: Logger;
  now: () => number;
  random: () => number;
  /** Counts dead letters; none without. */
  metrics?: Metrics;
}

export type Remote = 'Centra' | 'Ometria';

/** Runs the job again after the backoff for its attempts, or after `retryAfterMs` (ms) when that is longer. */
export async function retryJob(ctx: SettleContext, job: Job, reason: string, retryAfterMs = 0): Promise<void> {
  const delay = backoffMs(job.attempts, ctx.random, {}, retryAfterMs);
  await ctx.store.jobs.retryLater(job.id, ctx.now() + delay, reason, ctx.now());
}

/** A failed step says why and how long its jobs wait at least (ms), so work of the same batch can wait as long. */
export type StepResult<T> = { ok: true; value: T } | StepFailure;
export type StepFailure = { ok: false; reason: string; retryAfterMs: number };

/** Reschedules every job of `jobs` as a failed step's were: its reason, no sooner than its Retry-After. */
export async function rescheduleAll(ctx: SettleContext, jobs: readonly Job[], failure: StepFailure): Promise<void> {
  for (const job of jobs) await retryJob(ctx, job, failure.reason, failure.retryAfterMs);
}

export interface RemoteStepOptions<T> {
  /**
   * Whether an answer proves the remote takes our credentials again, so its auth alert is resolved (default: yes).
   * No for a step that may have called nothing, and for Ometria pushes: pushRecords resolves after its own first 2xx.
   */
  resolvesAuth?: boolean | ((value: T) => boolean);
  /** Outcomes the caller handles itself (rethrown, nothing rescheduled), e.g. an answer without the asked-for data. */
  rethrows?: (outcome: RemoteError['outcome']) => boolean;
}

/**
 * The one skeleton of a remote step in a job handler. `step` calls `remote` on behalf of `jobs`:
 * - it answers: the remote's auth alert is resolved (see `resolvesAuth`) and the value is handed back;
 * - it throws RemoteError (the remote's classifier decided: unreachable, 5xx, 429, 401/403, or a refusal of the
 *   whole request): every job of `jobs` is rescheduled with backoff, no sooner than a Retry-After, and a refusal of
 *   our credentials raises the remote's auth alert, one per remote however many steps fail;
 * - anything else is a bug and propagates to the worker, which puts the batch back.
 * `jobs` may be a function for a step answered in parts: the jobs its failure leaves unanswered.
 */
export async function remoteStep<T>(
  ctx: SettleContext,
  remote: Remote,
  jobs: readonly Job[] | (() => readonly Job[]),
  step: () => Promise<T>,
  options: RemoteStepOptions<T> = {},
): Promise<StepResult<T>> {
  let value: T;
  try {
    value = await step();
  } catch (error) {
    if (!(error instanceof RemoteError) || options.rethrows?.(error.outcome)) throw error;
    const unanswered = typeof jobs === 'function' ? jobs() : jobs;
    const outcome = error.outcome;
    if (outcome.kind === 'auth') await raiseAuthAlert(ctx.alerter, remote, outcome.reason);
    const failure: StepFailure = { ok: false, reason: outcome.reason, retryAfterMs: outcome.kind === 'rate_limited' ? outcome.delayMs : 0 };
    await rescheduleAll(ctx, unanswered, failure);
    ctx.logger.warn({ jobs: unanswered.length, outcome: outcome.kind }, `${remote}: ${outcome.reason}; jobs rescheduled`);
    return failure;
  }
  const resolves = options.resolvesAuth ?? true;
  if (typeof resolves === 'function' ? resolves(value) : resolves) await resolveAuthAlert(ctx.alerter, remote);
  return { ok: true, value };
}

/**
 * A permanent failure: the job is dead, its dead letter keeps what replay needs, and the alert (told the dead
 * letter's id) names the entity and who should act.
 */
export async function deadLetterJob(
  ctx: SettleContext,
  job: Job,
  letter: Omit<NewDeadLetter, 'jobKind' | 'entityKey'>,
  alert: (deadLetterId: number) => CatalogueAlert,
): Promise<void> {
  const id = await ctx.store.deadLetters.add({ jobKind: job.kind, entityKey: job.entity_key, ...letter }, ctx.now());
  ctx.metrics?.deadLettered(job.kind);
  await ctx.store.jobs.markDead(job.id, letter.reason, ctx.now());
  await ctx.alerter.raise(alert(id));
}
