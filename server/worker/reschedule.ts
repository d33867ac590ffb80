import type { Alerter } from '../alerts/alerter.js';
import { RemoteError, type Outcome } from '../remote/remote-errors.js';
import type { Job } from '../store/job-store.js';
import { backoffMs } from './backoff.js';
import type { SyncContext } from './sync-context.js';

/** Retry as data: the job's run_at moves, attempts and last_error record why (decisions.md 5). */
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

function raiseAuthAlert(alerter: Alerter, remote: 'Centra' | 'Ometria', reason: string): Promise<void> {
  return alerter.raise({
    fingerprint: `auth:${remote}`,
    kind: 'auth_failure',
    entity: `${remote} credentials`,
    team: 'ecommerce',
    message: `${remote} refused our credentials: ${reason}. Nothing is lost; syncing waits until they work.`,
    cause: remote === 'Centra' ? 'The Integration API token expired, was revoked or lacks a permission.' : 'The Ometria API key was revoked or mistyped.',
    action: remote === 'Centra' ? 'Create a new Integration API token in Centra (AMS → System → API Tokens) and set CENTRA_API_TOKEN.' : 'Create a key in Ometria (Settings → API Keys) and set OMETRIA_API_KEY.',
  });
}
