import { variantKey } from '../../../shared/ids/index.js';
import type { OmetriaProduct } from '../../ometria/ometria-records.js';
import type { CentraSize } from '../../centra/products/centra-product.js';
import { definedOnly } from '../common/defined-only.js';
import { TITLE_MAX_LENGTH } from '../common/ometria-limits.js';
import type { PricePoint } from './product-price.js';
import { sizeInStock } from './product-stock.js';
import { cleanText, truncate } from '../common/text.js';

export interface SizeParent {
  id: string;
  title: string;
  point: PricePoint;
  isActive: boolean;
}

/**
 * One size → an Ometria variant (`is_variant`, the full size SKU as id, docs/design.md D2). Variants are shippable
 * SKUs without a page of their own, so no url and no listings (docs/design.md O7). undefined without a SKU.
 */
export function mapSize(size: CentraSize, parent: SizeParent): OmetriaProduct | undefined {
  const sku = size.SKU?.trim();
  if (!sku) return undefined;
  const id = variantKey(sku);
  return definedOnly<OmetriaProduct>({
    '@type': 'product',
    '@merge': true,
    id,
    sku: id,
    title: sizeTitle(parent.title, cleanText(size.description) ?? cleanText(size.sizeNumber)),
    price: parent.point.price,
    special_price: parent.point.special_price,
    is_variant: true,
    parent_id: parent.id,
    is_active: parent.isActive,
    is_in_stock: sizeInStock(size),
  });
}

/** "Linen shirt M": the size label survives a long title, which is cut first. */
function sizeTitle(title: string, label: string | undefined): string {
  if (!label) return title;
  const room = Math.max(0, TITLE_MAX_LENGTH - label.length - 1);
  return truncate(`${truncate(title, room).trimEnd()} ${label}`, TITLE_MAX_LENGTH).trim();
}
