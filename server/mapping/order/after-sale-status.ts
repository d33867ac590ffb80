import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { orderStatusMeaning } from '../../centra/centra-vocabulary.js';
import { effectiveQuantity } from './effective-quantity.js';
import type { LineRefund } from './line-refunds.js';
import { isWholeOrderCancelled } from './order-validity.js';
import { shippedShare } from './shipment-progress.js';

/**
 * The Ometria order status. [INF] Ometria's status is free text (docs/design.md O6); we extend Centra's own
 * status with what happened after the sale, most final first: cancelled, returned / partially_returned,
 * shipped / partially_shipped, then Centra's status as centra-vocabulary.ts names it (SHIPPED is `completed`).
 */
export function afterSaleStatus(order: CentraOrder, refunds: ReadonlyMap<number, LineRefund>): string {
  if (isWholeOrderCancelled(order)) return orderStatusMeaning(order.status).voidsOrder ? orderStatusMeaning(order.status).ometriaStatus : 'cancelled';
  const refunded = [...refunds.values()].reduce((n, r) => n + r.quantity, 0);
  if (refunded > 0) {
    const bought = order.lines.reduce((n, l) => n + effectiveQuantity(l), 0);
    return refunded >= bought ? 'returned' : 'partially_returned';
  }
  const shipped = shippedShare(order);
  if (shipped === 'all') return 'shipped';
  if (shipped === 'some') return 'partially_shipped';
  return orderStatusMeaning(order.status).ometriaStatus;
}
