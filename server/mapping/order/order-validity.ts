import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { orderStatusMeaning } from '../../centra/centra-vocabulary.js';
import { effectiveQuantity } from './effective-quantity.js';

/**
 * Ometria's `is_valid`: false removes the order's revenue from reporting, so only an order cancelled as a
 * whole is invalid (docs/design.md D3): status CANCELLED, or lines that are all fully cancelled.
 * An order without lines is not called cancelled; partly cancelled orders stay valid with fewer units.
 */
export function isWholeOrderCancelled(order: CentraOrder): boolean {
  if (orderStatusMeaning(order.status).voidsOrder) return true;
  return order.lines.length > 0 && order.lines.every((line) => effectiveQuantity(line) === 0);
}
