import type { JobDefinition } from '../job-definition.js';
import { syncCollected } from './sync-collected.js';

/** Visitors per worker cycle; EVENTS_PER_RUN bounds the events pushed for them. */
export const VISITORS_PER_CYCLE = 100;

/** Storefront events push through their own share of the Ometria push rate. */
export const collectJob: JobDefinition = {
  batchSize: () => VISITORS_PER_CYCLE,
  handler:
    ({ ctx, trackerOmetria }) =>
    (jobs) =>
      syncCollected({ ...ctx, ometria: trackerOmetria }, jobs),
};
