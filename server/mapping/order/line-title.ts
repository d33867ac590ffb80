import type { CentraOrderLine } from '../../centra/orders/centra-order.js';
import { TITLE_MAX_LENGTH } from '../common/ometria-limits.js';
import { cleanText } from '../common/text.js';

/**
 * "Product name - variant name", e.g. "Linen shirt - Blue". The line's own names are what the customer saw
 * when ordering, so they win over the catalogue's current names, which are the fallback.
 */
export function lineTitle(line: CentraOrderLine): string | undefined {
  const product = cleanText(line.productName) ?? cleanText(line.product?.name);
  const variant = cleanText(line.productVariantName) ?? cleanText(line.productVariant?.name);
  const parts = [product, variant].filter((part): part is string => part !== undefined);
  return cleanText(parts.join(' - '), TITLE_MAX_LENGTH);
}
