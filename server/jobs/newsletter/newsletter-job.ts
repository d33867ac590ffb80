import type { JobDefinition } from '../job-definition.js';
import { replayNewsletterJobs } from './newsletter-replay.js';

/** Replayed subscriptions per worker cycle: each costs one memory write, no remote call. */
export const SUBSCRIPTIONS_PER_CYCLE = 100;

export const newsletterJob: JobDefinition = {
  batchSize: () => SUBSCRIPTIONS_PER_CYCLE,
  handler:
    ({ ctx }) =>
    (jobs) =>
      replayNewsletterJobs(ctx, jobs),
};
