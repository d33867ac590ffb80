import type { CentraOrderLine } from '../../centra/orders/centra-order.js';

/**
 * Units of the line the customer still buys.
 * [INF] Centra's `OrderLine.quantity` is taken as already excluding `cancelledQuantity` (a line of 3 with 1
 * cancelled reads quantity 2, cancelledQuantity 1; a fully cancelled line reads quantity 0). If a live account
 * shows `quantity` is the original count, return `quantity - cancelledQuantity` here; nothing else changes.
 */
export function effectiveQuantity(line: CentraOrderLine): number {
  return Math.max(0, line.quantity);
}
