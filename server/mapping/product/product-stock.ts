import type { CentraSize } from '../../centra/products/centra-product.js';

/**
 * [INF] A size is in stock when its `availableQuantity` (Centra's sellable amount, summed over the warehouses
 * the token sees; StockTotals has no free-to-allocate figure) is above zero. undefined when Centra returned no
 * figure (e.g. the token lacks stock permissions): we then say nothing rather than mark the catalogue out of stock.
 */
export function sizeInStock(size: CentraSize): boolean | undefined {
  const quantity = size.stockTotals?.availableQuantity;
  return quantity == null ? undefined : quantity > 0;
}

/** [INF] A style-colour is in stock when any of its sizes is; unknown when no size's stock is known. */
export function anyInStock(sizes: readonly CentraSize[]): boolean | undefined {
  const known = sizes.map(sizeInStock).filter((s): s is boolean => s !== undefined);
  return known.length === 0 ? undefined : known.includes(true);
}
