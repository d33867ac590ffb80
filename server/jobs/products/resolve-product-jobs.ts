import type { Job } from '../../store/job-store.js';
import type { SyncContext } from '../sync-context.js';
import { productOfDisplayItem, productsOfCollection } from './catalogue-index.js';
import { productsOfDisplayItems } from '../../centra/products/changed-products.js';
import { parseProductEntity } from './product-entity.js';

/** Each job → the Centra products to refetch; undefined for an entity key we cannot read. */
export type JobProducts = Map<number, number[] | undefined>;

/**
 * Display items and collections → products: our index first (no request, and it still knows items Centra has
 * removed), then one Centra request for display items we have never seen. Throws RemoteError from Centra.
 */
export async function resolveProductJobs(ctx: SyncContext, jobs: readonly Job[]): Promise<JobProducts> {
  const out: JobProducts = new Map();
  const unknownItems = new Map<number, number[]>();
  for (const job of jobs) {
    const entity = parseProductEntity(job.entity_key);
    if (!entity) out.set(job.id, undefined);
    else if (entity.kind === 'product') out.set(job.id, [entity.id]);
    else if (entity.kind === 'collection') out.set(job.id, await productsOfCollection(ctx.store.kv, entity.id));
    else {
      const known = await productOfDisplayItem(ctx.store.kv, entity.id);
      out.set(job.id, known === undefined ? [] : [known]);
      if (known === undefined) unknownItems.set(entity.id, [...(unknownItems.get(entity.id) ?? []), job.id]);
    }
  }
  // Without Centra's display item filter (docs/centra-setup.md) an item new since the last sync waits for the poll.
  if (unknownItems.size === 0 || !(await ctx.centra.canSend('DisplayItemProducts'))) return out;
  const found = await productsOfDisplayItems(ctx.centra, [...unknownItems.keys()]);
  for (const [item, jobIds] of unknownItems) {
    const product = found.get(item);
    if (product !== undefined) for (const id of jobIds) out.set(id, [product]);
  }
  return out;
}
