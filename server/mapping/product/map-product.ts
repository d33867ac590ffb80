import type { CentraProduct } from '../../centra/products/centra-product.js';
import { createKeyClaims } from './key-claims.js';
import { mapSize } from './map-size.js';
import { mapStyleColour } from './map-style-colour.js';
import type { ProductMapping, ProductMappingContext } from './product-mapping-context.js';

const byId = <T extends { id: number }>(a: T, b: T): number => a.id - b.id;

/**
 * PURE: one Centra product → Ometria product records: per variant (style-colour) a parent, then one variant
 * record per size. Variants and sizes are taken in id order, so when two give one id the older keeps it and
 * the collision is returned for an alert (docs/design.md D2). Collisions with other products are the caller's.
 */
export function mapProduct(product: CentraProduct, ctx: ProductMappingContext): ProductMapping {
  const out: ProductMapping = { records: [], owners: {}, collisions: [], skipped: [] };
  const claims = createKeyClaims();
  for (const variant of [...product.variants].sort(byId)) {
    const mapped = mapStyleColour(product, variant, ctx);
    if (!mapped.ok) {
      out.skipped.push({ productId: product.id, variantId: variant.id, reason: mapped.reason });
      continue;
    }
    const owner = `product ${product.id} variant ${variant.id}`;
    if (!claims.claim(mapped.parent.id, owner)) continue;
    out.records.push(mapped.parent);
    out.owners[mapped.parent.id] = owner;
    for (const size of [...variant.productSizes].sort(byId)) {
      const record = mapSize(size, { id: mapped.parent.id, title: mapped.parent.title, point: mapped.point, isActive: mapped.isActive });
      const sizeOwner = `${owner} size ${size.id}`;
      if (!record) {
        out.skipped.push({ productId: product.id, variantId: variant.id, reason: `size ${size.id} has no SKU` });
      } else if (claims.claim(record.id, sizeOwner)) {
        out.records.push(record);
        out.owners[record.id] = sizeOwner;
      }
    }
  }
  out.collisions = claims.collisions();
  return out;
}
