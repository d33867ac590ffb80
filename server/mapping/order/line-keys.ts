import type { CentraOrder, CentraOrderLine } from '../../centra/orders/centra-order.js';
import { productKey, variantKey } from '../../../shared/ids/index.js';
import { orderMappingError } from './order-mapping-errors.js';

/**
 * Ometria product id of a line: the style-colour key (docs/design.md D2). A missing variant number counts as
 * empty, as Centra concatenates an empty one into the SKU; a missing product number is an error.
 */
export function lineProductId(line: CentraOrderLine, order: CentraOrder): string {
  const productNumber = line.product?.productNumber?.trim();
  if (!productNumber) throw orderMappingError.missingProductNumber(order, line);
  return productKey(productNumber, line.productVariant?.variantNumber ?? '');
}

/** Ometria variant id and sku of a line: the full size SKU (docs/design.md D2). */
export function lineVariantId(line: CentraOrderLine, order: CentraOrder): string {
  const sku = line.productSize?.SKU?.trim();
  if (!sku) throw orderMappingError.missingSku(order, line);
  return variantKey(sku);
}
