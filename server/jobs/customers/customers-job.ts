import type { JobDefinition } from '../job-definition.js';
import { syncCustomers } from './sync-customers.js';

export const customerJob: JobDefinition = {
  batchSize: (config) => config.CENTRA_BATCH_SIZE,
  handler:
    ({ ctx }) =>
    (jobs) =>
      syncCustomers(ctx, jobs),
};
