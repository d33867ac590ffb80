import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { orderMappingError } from './order-mapping-errors.js';
import { cleanText } from '../common/text.js';
import { toUtcIso } from '../common/to-utc-iso.js';

/**
 * When the order was placed, as UTC ISO-8601 with `Z`: `orderDate`, else `createdAt` (docs/design.md D15).
 * Never the fetch time or any clock of ours, so the record is the same whenever it is built (docs/design.md D9).
 */
export function orderTimestamp(order: CentraOrder): string {
  const orderDate = cleanText(order.orderDate);
  const field = orderDate ? 'orderDate' : 'createdAt';
  const value = orderDate ?? cleanText(order.createdAt);
  if (value === undefined) throw orderMappingError.missingDate(order);
  try {
    return toUtcIso(value);
  } catch {
    throw orderMappingError.unreadableDate(order, field, value);
  }
}
