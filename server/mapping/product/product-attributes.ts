import { brandAttributeId, categoryAttributeId, collectionAttributeId } from '../../../shared/ids/index.js';
import type { CentraDisplay, CentraProduct, CentraVariant } from '../../centra/products/centra-product.js';
import { customAttributes, type CustomAttributeRule } from '../common/custom-attributes.js';
import type { OmetriaAttribute } from './product-mapping-context.js';

const label = (name: string | null | undefined, id: number): string => name?.trim() || String(id);

/**
 * The FULL attribute list, every time: with `@merge` Ometria replaces attributes wholesale (docs/design.md O7).
 * Order is fixed (brand, collection, categories by id, custom rules in config order) so the content hash is stable.
 * Categories come from every display that carries the style-colour, active or not.
 */
export function productAttributes(
  product: CentraProduct,
  variant: CentraVariant,
  displays: readonly CentraDisplay[],
  rules: readonly CustomAttributeRule[],
): OmetriaAttribute[] {
  const out: OmetriaAttribute[] = [];
  if (product.brand) out.push({ type: 'brand', id: brandAttributeId(product.brand.id), label: label(product.brand.name, product.brand.id) });
  if (product.collection) {
    out.push({ type: 'collection', id: collectionAttributeId(product.collection.id), label: label(product.collection.name, product.collection.id) });
  }
  const categories = new Map(displays.flatMap((d) => d.categories).map((c) => [c.id, c]));
  for (const c of [...categories.values()].sort((a, b) => a.id - b.id)) {
    out.push({ type: 'category', id: categoryAttributeId(c.id), label: label(c.name, c.id) });
  }
  return [...out, ...customAttributes(variant.attributes, product.attributes, rules)];
}
