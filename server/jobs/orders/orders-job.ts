import { MAX_RECORDS_PER_PUSH } from '../../ometria/push-client.js';
import type { JobDefinition } from '../job-definition.js';
import { syncOrders } from './sync-orders.js';

/**
 * Order jobs claimed per worker cycle, fetched in CENTRA_BATCH_SIZE slices. Five Ometria pushes' worth, so a
 * backlog fills whole 100-record pushes of contacts too (a contact already in Ometria is not re-sent).
 */
export const ORDERS_PER_CYCLE = 5 * MAX_RECORDS_PER_PUSH;

export const orderJob: JobDefinition = {
  batchSize: () => ORDERS_PER_CYCLE,
  handler:
    ({ ctx }) =>
    (jobs) =>
      syncOrders(ctx, jobs),
};
