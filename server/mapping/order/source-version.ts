import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { toUtcIso } from '../common/to-utc-iso.js';

/**
 * The order's own Centra timestamp as UTC ISO-8601. Centra delivers webhooks late and out of order; a fetched
 * order older than the one we pushed is stale. Shipments' and returns' timestamps are left out on purpose: a
 * deleted return lowers them, yet the order without it is the newer state.
 * [INF] `updatedAt` moves on every change of the order (Order.updatedAt is seen only in third-party code).
 */
export function orderSourceVersion(order: CentraOrder): string | undefined {
  return order.updatedAt ? toUtcIso(order.updatedAt) : undefined;
}
