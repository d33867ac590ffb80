import type { LedgerStore } from '../../store/ledger-store.js';

/** Style-colour key (Ometria product id) of a full size SKU; undefined if unknown. */
export type ProductKeyLookup = (sku: string) => Promise<string | undefined>;

/**
 * docs/design.md D29: the server fills a missing productSku from the catalogue. The catalogue sync pushes both the
 * style-colour parents and the size variants as Ometria products, so both ids are in the ledger; the ledger
 * keeps no parent_id, so the parent is found as the longest pushed product id that is a proper prefix of the SKU.
 * [INF] That holds while Centra builds SKUs by concatenation (productNumber + variantNumber + sizeNumber,
 * shared/ids); a custom SKU finds nothing and the caller falls back to the SKU itself. Memoised per instance:
 * build one per sync batch.
 */
export function ledgerProductKeyLookup(ledger: Pick<LedgerStore, 'has'>): ProductKeyLookup {
  const seen = new Map<string, Promise<string | undefined>>();
  const find = async (sku: string): Promise<string | undefined> => {
    for (let n = sku.length - 1; n > 0; n--) if (await ledger.has('product', sku.slice(0, n))) return sku.slice(0, n);
    return undefined;
  };
  return (sku) => {
    let found = seen.get(sku);
    if (!found) seen.set(sku, (found = find(sku)));
    return found;
  };
}

/**
 * The keys these SKUs map to, looked up before mapping, so mapTrackerEvent stays pure and synchronous:
 * a SKU left out reads as unknown.
 */
export async function productKeysFor(skus: Iterable<string>, lookup: ProductKeyLookup): Promise<(sku: string) => string | undefined> {
  const keys = new Map<string, string | undefined>();
  for (const sku of new Set(skus)) keys.set(sku, await lookup(sku));
  return (sku) => keys.get(sku);
}
