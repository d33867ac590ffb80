import type { OmetriaProduct } from '../../ometria/ometria-records.js';
import type { KeyClaims } from '../../mapping/product/key-claims.js';
import { mapProduct } from '../../mapping/product/map-product.js';
import type { KeyCollision, ProductMappingContext } from '../../mapping/product/product-mapping-context.js';
import { pushRecords, type PushItem } from '../../ometria/push-records.js';
import { pushDeps } from '../push-job-records.js';
import type { SyncContext } from '../sync-context.js';
import { indexProducts } from './catalogue-index.js';
import type { CentraProduct } from '../../centra/products/centra-product.js';
import { catalogueAlert } from '../../alerts/alert-catalogue.js';

export interface ProductPushCounts {
  /** Records mapped and kept after collision checks. */
  records: number;
  pushed: number;
  skippedUnchanged: number;
  deadLettered: number;
  collisions: number;
  /** Style-colours not sent (no key, no price) and sizes without a SKU. */
  notSendable: number;
}

export const productEntityKey = (id: number): string => `product:${id}`;

/**
 * Maps products, keeps one Centra owner per Ometria id across them (`claims` spans a whole sync run), indexes
 * them for webhook look-ups and pushes the records. Parents and variants are one @type, so they share batches;
 * the ledger skips unchanged ones. Throws RemoteError from the push: the caller reschedules.
 */
export async function pushProducts(
  ctx: SyncContext,
  products: readonly CentraProduct[],
  mapping: ProductMappingContext,
  claims: KeyClaims,
): Promise<ProductPushCounts> {
  const items: PushItem[] = [];
  const collisions: KeyCollision[] = [];
  let notSendable = 0;
  const lostIds = new Set<string>();
  for (const product of products) {
    const mapped = mapProduct(product, mapping);
    collisions.push(...mapped.collisions);
    notSendable += mapped.skipped.length;
    for (const s of mapped.skipped) ctx.logger.debug({ product: s.productId, variant: s.variantId }, `catalogue: not sent: ${s.reason}`);
    const lostParents = new Set<string>();
    for (const record of mapped.records) {
      if (record.parent_id !== undefined && lostParents.has(record.parent_id)) continue;
      if (!claims.claim(record.id, mapped.owners[record.id]!)) {
        lostIds.add(record.id);
        if (!record.is_variant) lostParents.add(record.id);
        continue;
      }
      items.push(pushItem(record, product.id));
    }
  }
  collisions.push(...claims.collisions().filter((c) => lostIds.has(c.id)));
  for (const c of collisions) await ctx.alerter.raise(catalogueAlert('product_key_collision', c));
  await ctx.store.transaction((tx) => indexProducts(tx.kv, products));

  const result = await pushRecords(items, pushDeps(ctx));
  return {
    records: items.length,
    pushed: result.delivered.size - result.skippedUnchanged,
    skippedUnchanged: result.skippedUnchanged,
    deadLettered: result.deadLettered.size,
    collisions: collisions.length,
    notSendable,
  };
}

const pushItem = (record: OmetriaProduct, productId: number): PushItem => ({ record, jobKind: 'product', entityKey: productEntityKey(productId) });
