import { MAX_RECORDS_PER_PUSH } from '../../ometria/push-client.js';
import type { JobDefinition } from '../job-definition.js';
import { syncOrders } from './sync-orders.js';

/**
 * Order jobs claimed per worker cycle, fetched in CENTRA_BATCH_SIZE slices and pushed 100 at a time while later
 * slices are read (sync-orders.ts), so at most its read-ahead of fetched orders is held, not the whole batch. Ten
 * pushes' worth: at a batch's end both remotes wait for its last pushes before the next claim (docs/scaling.md).
 */
export const ORDERS_PER_CYCLE = 10 * MAX_RECORDS_PER_PUSH;

export const orderJob: JobDefinition = {
  batchSize: () => ORDERS_PER_CYCLE,
  handler:
    ({ ctx }) =>
    (jobs) =>
      syncOrders(ctx, jobs),
};
