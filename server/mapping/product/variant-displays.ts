import type { CentraDisplay, CentraProduct } from '../../centra/products/centra-product.js';

const isActive = (d: CentraDisplay): boolean => d.status === 'ACTIVE';
const inMarket = (d: CentraDisplay, marketId: number): boolean => d.markets.some((m) => m.id === marketId);

/** Displays that carry this style-colour (it has a display item there), by display id. */
export function displaysOfVariant(product: CentraProduct, variantId: number): CentraDisplay[] {
  return product.displays.filter((d) => d.displayItems.some((i) => i.productVariant?.id === variantId)).sort((a, b) => a.id - b.id);
}

/**
 * The display whose name, uri and image stand for the style-colour in one market: active there first, then
 * any in the market, then any active one, then the rest; the lowest id breaks ties so the choice is stable.
 */
export function displayForMarket(displays: readonly CentraDisplay[], marketId: number): CentraDisplay | undefined {
  const rank = (d: CentraDisplay) => (inMarket(d, marketId) ? 0 : 2) + (isActive(d) ? 0 : 1);
  return [...displays].sort((a, b) => rank(a) - rank(b) || a.id - b.id)[0];
}

/**
 * [INF] A style-colour is on sale in a market when its product and variant are ACTIVE and an ACTIVE display
 * in that market carries it. Displays are Centra's "shop windows": without one nothing is sold.
 */
export function isActiveInMarkets(
  product: CentraProduct,
  variant: { status?: string | null | undefined },
  displays: readonly CentraDisplay[],
  marketIds: readonly number[],
): boolean {
  if (product.status !== 'ACTIVE' || variant.status !== 'ACTIVE') return false;
  return displays.some((d) => isActive(d) && marketIds.some((m) => inMarket(d, m)));
}
