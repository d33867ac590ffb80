import { productKey } from '../../../shared/ids/index.js';
import type { OmetriaProduct } from '../../ometria/ometria-records.js';
import type { CentraProduct, CentraVariant } from '../../centra/products/centra-product.js';
import { definedOnly } from '../common/defined-only.js';
import { firstImage, mapListings } from './map-listings.js';
import { TITLE_MAX_LENGTH } from '../common/ometria-limits.js';
import { productAttributes } from './product-attributes.js';
import type { ProductMappingContext } from './product-mapping-context.js';
import { findPrice, pricePoint, type PricePoint } from './product-price.js';
import { anyInStock } from './product-stock.js';
import { storefrontUrl } from '../common/storefront-url.js';
import { cleanText, truncate } from '../common/text.js';
import { displayForMarket, displaysOfVariant, isActiveInMarkets } from './variant-displays.js';

export type StyleColour = { ok: true; parent: OmetriaProduct; point: PricePoint; isActive: boolean } | { ok: false; reason: string };

/**
 * One Centra variant (a colour) → the Ometria parent product, keyed by style-colour (docs/design.md D2).
 * Title, url and image come from the primary store's display; the price from the primary store's pricelist.
 */
export function mapStyleColour(product: CentraProduct, variant: CentraVariant, ctx: ProductMappingContext): StyleColour {
  const id = productKey(product.productNumber ?? '', variant.variantNumber ?? '');
  if (!id) return { ok: false, reason: 'the product has no product number, so it has no key in Ometria; give it one in Centra' };
  const primary = ctx.stores[0];
  if (!primary) throw new Error('the catalogue needs at least one Ometria store');
  const row = findPrice(product, variant.id, primary.pricelistId);
  const point = row && pricePoint(row, primary.currency);
  if (!point) {
    return {
      ok: false,
      reason: `${id} has no price in pricelist ${primary.pricelistId} (Ometria store ${primary.store}); it is sent once it is priced and on a display`,
    };
  }
  const displays = displaysOfVariant(product, variant.id);
  const display = displayForMarket(displays, primary.marketId);
  const title = cleanText(display?.name, TITLE_MAX_LENGTH) ?? cleanText(product.name, TITLE_MAX_LENGTH) ?? truncate(id, TITLE_MAX_LENGTH);
  const isActive = isActiveInMarkets(
    product,
    variant,
    displays,
    ctx.stores.map((s) => s.marketId),
  );
  const parent = definedOnly<OmetriaProduct>({
    '@type': 'product',
    '@merge': true,
    id,
    sku: id,
    title,
    price: point.price,
    special_price: point.special_price,
    is_variant: false,
    url: storefrontUrl(primary.baseUrl, display?.uri),
    image_url: firstImage(display),
    is_active: isActive,
    is_in_stock: anyInStock(variant.productSizes),
    attributes: productAttributes(product, variant, displays, ctx.customAttributes),
    listings: mapListings(product, variant, displays, ctx.stores, title),
  });
  return { ok: true, parent, point, isActive };
}
