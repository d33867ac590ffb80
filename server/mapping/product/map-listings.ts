import type { CentraDisplay, CentraProduct, CentraVariant } from '../../centra/products/centra-product.js';
import { definedOnly } from '../common/defined-only.js';
import { TITLE_MAX_LENGTH } from '../common/ometria-limits.js';
import type { ListingStore, OmetriaListing } from './product-mapping-context.js';
import { findPrice, pricePoint } from './product-price.js';
import { boundedUrl, storefrontUrl } from '../common/storefront-url.js';
import { cleanText } from '../common/text.js';
import { displayForMarket, isActiveInMarkets } from './variant-displays.js';

/** The first image of a display, in Centra's "standard" size. */
export const firstImage = (display: CentraDisplay | undefined): string | undefined =>
  boundedUrl(display?.media.find((m) => boundedUrl(m.source?.url))?.source?.url);

/**
 * One listing per configured Ometria store in which the style-colour has a price, in config order: that store's
 * price, currency, title, url and whether it is on sale there. Unpriced stores get no listing.
 */
export function mapListings(
  product: CentraProduct,
  variant: CentraVariant,
  displays: readonly CentraDisplay[],
  stores: readonly ListingStore[],
  fallbackTitle: string,
): OmetriaListing[] {
  return stores.flatMap((store) => {
    const row = findPrice(product, variant.id, store.pricelistId);
    const point = row && pricePoint(row, store.currency);
    if (!point) return [];
    const display = displayForMarket(displays, store.marketId);
    return [
      definedOnly<OmetriaListing>({
        store: store.store,
        currency: point.currency,
        price: point.price,
        special_price: point.special_price,
        title: cleanText(display?.name, TITLE_MAX_LENGTH) ?? fallbackTitle,
        url: storefrontUrl(store.baseUrl, display?.uri),
        image_url: firstImage(display),
        is_active: isActiveInMarkets(product, variant, displays, [store.marketId]),
      }),
    ];
  });
}
