import { pushRecords, type PushDeps, type PushItem, type PushResult } from '../ometria/push-records.js';
import type { Job } from '../store/job-store.js';
import { remoteStep, type StepResult } from '../worker/settle-jobs.js';
import type { SyncContext } from './sync-context.js';

/** What pushRecords needs from a sync context. */
export const pushDeps = (ctx: SyncContext): PushDeps => ({
  client: ctx.ometria,
  store: ctx.store,
  alerter: ctx.alerter,
  now: ctx.now,
  metrics: ctx.metrics,
});

/**
 * Pushes the records of `jobs` as one remote step (settle-jobs.ts): when Ometria fails the whole push, every job is
 * rescheduled. pushRecords resolves Ometria's auth alert itself, after its first 2xx.
 */
export function pushJobRecords(ctx: SyncContext, jobs: readonly Job[], items: PushItem[]): Promise<StepResult<PushResult>> {
  return remoteStep(ctx, 'Ometria', jobs, () => pushRecords(items, pushDeps(ctx)), { resolvesAuth: false });
}
