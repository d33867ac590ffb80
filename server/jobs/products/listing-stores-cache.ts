import type { ListingStore } from '../../mapping/product/product-mapping-context.js';
import type { SyncContext } from '../sync-context.js';
import type { CatalogueConfig } from '../../config/catalogue-config.js';
import { fetchCatalogueSetup, resolveListingStores } from '../../centra/products/catalogue-setup.js';

/**
 * Listing stores resolved against Centra's set-up data, reused for `ttlMs`: set-up data changes rarely and every
 * request counts against the shared rate limit (docs/design.md C5). Throws what fetchCatalogueSetup throws.
 */
export function createListingStoresCache(ctx: Pick<SyncContext, 'centra' | 'now'>, config: CatalogueConfig, ttlMs: number) {
  let cached: { at: number; stores: ListingStore[] } | undefined;
  return {
    async get(): Promise<ListingStore[]> {
      if (cached && ctx.now() - cached.at < ttlMs) return cached.stores;
      const stores = resolveListingStores(config, await fetchCatalogueSetup(ctx.centra));
      cached = { at: ctx.now(), stores };
      return stores;
    },
  };
}
