import { createKeyClaims } from '../../mapping/product/key-claims.js';
import type { Job } from '../../store/job-store.js';
import { remoteStep, retryJob, type StepResult } from '../../worker/settle-jobs.js';
import type { SyncContext } from '../sync-context.js';
import type { KindHandler } from '../../worker/worker.js';
import type { ProductMappingContext } from '../../mapping/product/product-mapping-context.js';
import { catalogueAlert } from '../../alerts/alert-catalogue.js';
import { catalogueSettings, type CatalogueConfig } from '../../config/catalogue-config.js';
import { CatalogueConfigError } from '../../centra/products/catalogue-setup.js';
import type { CentraProduct } from '../../centra/products/centra-product.js';
import { fetchProductsById, type FetchedProduct } from '../../centra/products/fetch-products.js';
import { createListingStoresCache } from './listing-stores-cache.js';
import { pushProducts } from './push-products.js';
import { resolveProductJobs, type JobProducts } from './resolve-product-jobs.js';

/** Product jobs claimed per worker cycle: one Centra request per `batchSize` products, then shared pushes. */
export const PRODUCT_JOBS_PER_CYCLE = 100;

/** The worker handler for 'product' jobs (`product:<id>`, `display-item:<id>`, `collection:<id>`). */
export function createProductSyncHandler(ctx: SyncContext, config: CatalogueConfig): KindHandler {
  const settings = catalogueSettings(config);
  const stores = createListingStoresCache(ctx, config, settings.setupTtlMs);
  return {
    batchSize: PRODUCT_JOBS_PER_CYCLE,
    handle: async (jobs: Job[]) => {
      let read: StepResult<ReadProducts>;
      try {
        // Only a request Centra answered clears its auth alert; pushRecords clears Ometria's on a 2xx.
        read = await remoteStep(
          ctx,
          'Centra',
          jobs,
          async () => {
            const mapping = { stores: await stores.get(), customAttributes: settings.customAttributes };
            return { mapping, ...(await readProducts(ctx, jobs, settings.batchSize)) };
          },
          { resolvesAuth: ({ ids }) => ids.length > 0, rethrows: (outcome) => outcome.kind === 'unusable' },
        );
      } catch (error) {
        if (!(error instanceof CatalogueConfigError)) throw error;
        ctx.logger.error({ err: error }, 'catalogue sync failed');
        await ctx.alerter.raise(catalogueAlert('catalogue_sync_failed', { error }));
        for (const job of jobs) await retryJob(ctx, job, error.message);
        return;
      }
      if (read.ok) await pushAndSettle(ctx, jobs, read.value);
    },
  };
}

interface ReadProducts {
  mapping: ProductMappingContext;
  /** Each job → the Centra products it names. */
  wanted: JobProducts;
  /** Every product id the jobs name, ascending. */
  ids: number[];
  fetched: Map<number, FetchedProduct>;
}

/** Refetches the products the jobs name, `batchSize` per Centra request. Throws RemoteError from Centra. */
async function readProducts(ctx: SyncContext, jobs: Job[], batchSize: number): Promise<Omit<ReadProducts, 'mapping'>> {
  const wanted = await resolveProductJobs(ctx, jobs);
  const ids = [...new Set([...wanted.values()].flatMap((v) => v ?? []))].sort((a, b) => a - b);
  const fetched = new Map<number, FetchedProduct>();
  for (let i = 0; i < ids.length; i += batchSize) {
    for (const [id, f] of await fetchProductsById(ctx.centra, ids.slice(i, i + batchSize))) fetched.set(id, f);
  }
  return { wanted, ids, fetched };
}

/**
 * Maps and pushes the products read, and settles every job: done once all its products are handled (sent,
 * unchanged, gone from Centra, or dead-lettered record by record); retried when Centra failed.
 */
async function pushAndSettle(ctx: SyncContext, jobs: Job[], { mapping, wanted, fetched }: ReadProducts): Promise<void> {
  const products: CentraProduct[] = [];
  for (const [id, f] of fetched) {
    if (f.status === 'found') products.push(f.product);
    else if (f.status === 'unreadable') await ctx.alerter.raise(catalogueAlert('catalogue_unreadable', { id, message: f.message }));
    else if (f.status === 'not_found') ctx.logger.info({ product: id }, 'product job: Centra no longer has this product; nothing to send');
  }
  if (products.length > 0) {
    const pushed = await remoteStep(ctx, 'Ometria', jobs, () => pushProducts(ctx, products, mapping, createKeyClaims()), { resolvesAuth: false });
    if (!pushed.ok) return;
  }
  for (const job of jobs) await settle(ctx, job, wanted.get(job.id), fetched);
}

async function settle(ctx: SyncContext, job: Job, productIds: number[] | undefined, fetched: Map<number, FetchedProduct>): Promise<void> {
  if (productIds === undefined) return ctx.store.jobs.markDead(job.id, `not a product job key: ${job.entity_key}`, ctx.now());
  const failed = productIds.map((id) => fetched.get(id)).find((f) => f?.status === 'error');
  if (failed?.status === 'error') return retryJob(ctx, job, `${job.entity_key}: ${failed.message}`);
  if (productIds.length === 0)
    ctx.logger.info({ entity: job.entity_key }, 'product job: no product known for this entity; the next full catalogue sync covers it');
  await ctx.store.jobs.complete(job.id, ctx.now());
}
