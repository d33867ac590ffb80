import type { Db } from '../store/open-database.js';

/**
 * decisions.md 29: the server fills a missing productSku from the catalogue. The catalogue sync pushes both the
 * style-colour parents and the size variants as Ometria products, so both ids are in the ledger; the ledger
 * keeps no parent_id, so the parent is found as the longest pushed product id that is a proper prefix of the SKU.
 * [INF] That holds while Centra builds SKUs by concatenation (productNumber + variantNumber + sizeNumber,
 * shared/ids); a custom SKU finds nothing and the caller falls back to the SKU itself. Memoised per instance:
 * build one per sync batch.
 */
export function ledgerProductKeyLookup(db: Db): (sku: string) => string | undefined {
  const has = db.prepare(`SELECT 1 FROM ledger WHERE record_type = 'product' AND record_id = ?`).pluck();
  const seen = new Map<string, string | undefined>();
  return (sku) => {
    if (seen.has(sku)) return seen.get(sku);
    let found: string | undefined;
    for (let n = sku.length - 1; n > 0 && !found; n--) if (has.get(sku.slice(0, n))) found = sku.slice(0, n);
    seen.set(sku, found);
    return found;
  };
}
