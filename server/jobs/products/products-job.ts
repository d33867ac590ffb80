import type { JobDefinition } from '../job-definition.js';
import { createProductSyncHandler, PRODUCT_JOBS_PER_CYCLE } from './sync-products.js';

/** Runs only with CATALOGUE_STORES: without it product jobs and product webhooks stay pending. */
export const productJob: JobDefinition = {
  batchSize: () => PRODUCT_JOBS_PER_CYCLE,
  handler: ({ ctx, catalogue }) => catalogue && createProductSyncHandler(ctx, catalogue).handle,
};
