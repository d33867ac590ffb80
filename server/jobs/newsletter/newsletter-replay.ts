import type { Job } from '../../store/job-store.js';
import type { SyncContext } from '../sync-context.js';
import { forgetMemory } from './newsletter-memory.js';

/**
 * A replayed newsletter dead letter (`replay <id>`): the subscription's memory is forgotten, so the next poll that
 * reads it (the new-sign-up pass or the rolling sweep) decides and sends it again with today's code and config.
 * Subscriptions cannot be fetched by id (the filter has no id), so nothing is fetched here.
 */
export async function replayNewsletterJobs(ctx: SyncContext, jobs: Job[]): Promise<void> {
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    for (const job of jobs) {
      const id = Number(job.entity_key);
      if (Number.isSafeInteger(id)) await forgetMemory(tx.kv, id);
      await tx.jobs.complete(job.id, now);
    }
  });
  ctx.logger.info({ subscriptions: jobs.map((j) => j.entity_key) }, 'newsletter subscriptions will be sent again when a poll next reads them');
}
