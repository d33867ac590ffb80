import type { JobDefinition } from '../job-definition.js';
import { syncAfterSale } from './sync-after-sale.js';

export const shipmentJob: JobDefinition = {
  batchSize: (config) => config.CENTRA_BATCH_SIZE,
  handler:
    ({ ctx }) =>
    (jobs) =>
      syncAfterSale(ctx, 'shipment', jobs),
};

export const returnJob: JobDefinition = {
  batchSize: (config) => config.CENTRA_BATCH_SIZE,
  handler:
    ({ ctx }) =>
    (jobs) =>
      syncAfterSale(ctx, 'return', jobs),
};
