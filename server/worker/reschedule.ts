import { raiseAuthAlert } from '../alerts/auth-alert.js';
import { RemoteError, type Outcome } from '../remote/remote-errors.js';
import type { Job } from '../store/job-store.js';
import { backoffMs } from './backoff.js';
import type { SyncContext } from '../jobs/sync-context.js';

/** Retry as data: the job's run_at moves, attempts and last_error record why (docs/design.md D5). */
export async function retryJob(ctx: SyncContext, job: Job, reason: string, retryAfterMs = 0): Promise<void> {
  const delay = backoffMs(job.attempts, ctx.random, {}, retryAfterMs);
  await ctx.store.jobs.retryLater(job.id, ctx.now() + delay, reason, ctx.now());
}

/** A remote failure that is not about one record: every job of the batch waits and tries again. */
export async function rescheduleAfterRemoteError(ctx: SyncContext, jobs: Job[], error: unknown, remote: 'Centra' | 'Ometria'): Promise<void> {
  if (!(error instanceof RemoteError)) throw error;
  const outcome: Outcome = error.outcome;
  if (outcome.kind === 'auth') await raiseAuthAlert(ctx.alerter, remote, outcome.reason);
  const retryAfter = outcome.kind === 'rate_limited' ? outcome.delayMs : 0;
  for (const job of jobs) await retryJob(ctx, job, outcome.reason, retryAfter);
  ctx.logger.warn({ jobs: jobs.length, outcome: outcome.kind }, `${remote}: ${outcome.reason}; jobs rescheduled`);
}

/** Re-exported: the sync handlers clear the auth alert after a call that succeeded. */
export { resolveAuthAlert } from '../alerts/auth-alert.js';
