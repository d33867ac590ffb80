import type { OmetriaProduct } from '../../ometria/ometria-records.js';
import type { KeyClaims } from '../../mapping/product/key-claims.js';
import { mapProduct } from '../../mapping/product/map-product.js';
import type { KeyCollision, ProductMappingContext } from '../../mapping/product/product-mapping-context.js';
import { createPushBuffer } from '../../ometria/push-buffer.js';
import type { PushItem } from '../../ometria/push-records.js';
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

export interface ProductPusher {
  /**
   * One Centra read (a page, a batch by id): indexes the products for webhook look-ups, then maps them one by one
   * into the push buffer, and alerts the read's key collisions once all of it is mapped (the owners then name
   * every claimant of the read). Takes `products` over and empties it as it goes, so each product can die once
   * mapped instead of living through the read's pushes (issue 17). Throws RemoteError from a push.
   */
  add(products: CentraProduct[]): Promise<void>;
  /** Sends the records still waiting; the counts are final after it. */
  flush(): Promise<void>;
  /** Totals since the pusher was made; pushed/unchanged/dead-lettered leave out records still waiting. */
  counts(): ProductPushCounts;
}

/**
 * Maps products and keeps one Centra owner per Ometria id across them (`claims` may span a whole sync run).
 * Parents and variants are one @type, so they share one 100-record buffer across products and reads; the ledger
 * skips unchanged ones.
 */
export function createProductPusher(ctx: SyncContext, mapping: ProductMappingContext, claims: KeyClaims): ProductPusher {
  const buffer = createPushBuffer('product', pushDeps(ctx));
  const mapped = { records: 0, collisions: 0, notSendable: 0 };
  return {
    async add(products) {
      await ctx.store.transaction((tx) => indexProducts(tx.kv, products));
      const collisions: KeyCollision[] = [];
      const lostIds = new Set<string>();
      for (let product = products.shift(); product !== undefined; product = products.shift()) {
        const out = mapProduct(product, mapping);
        collisions.push(...out.collisions);
        mapped.notSendable += out.skipped.length;
        for (const s of out.skipped) ctx.logger.debug({ product: s.productId, variant: s.variantId }, `catalogue: not sent: ${s.reason}`);
        const lostParents = new Set<string>();
        for (const record of out.records) {
          if (record.parent_id !== undefined && lostParents.has(record.parent_id)) continue;
          if (!claims.claim(record.id, out.owners[record.id]!)) {
            lostIds.add(record.id);
            if (!record.is_variant) lostParents.add(record.id);
            continue;
          }
          mapped.records++;
          await buffer.add(pushItem(record, product.id));
        }
      }
      collisions.push(...claims.collisions().filter((c) => lostIds.has(c.id)));
      mapped.collisions += collisions.length;
      for (const c of collisions) await ctx.alerter.raise(catalogueAlert('product_key_collision', c));
    },
    flush: () => buffer.flush(),
    counts() {
      const { delivered, skippedUnchanged, deadLettered } = buffer.counts();
      return { ...mapped, pushed: delivered - skippedUnchanged, skippedUnchanged, deadLettered };
    },
  };
}

/** Pushes one read of products on its own (product jobs): a pusher added to once and flushed. */
export async function pushProducts(ctx: SyncContext, products: CentraProduct[], mapping: ProductMappingContext, claims: KeyClaims): Promise<ProductPushCounts> {
  const pusher = createProductPusher(ctx, mapping, claims);
  await pusher.add(products);
  await pusher.flush();
  return pusher.counts();
}

const pushItem = (record: OmetriaProduct, productId: number): PushItem => ({ record, jobKind: 'product', entityKey: productEntityKey(productId) });
