import type { SimData } from '../data/sim-data.js';
import type { SimOrder, SimOrderLine, SimReturn, SimReturnLine } from '../types/index.js';

/** The order line a return line is for: named directly, or through the shipment line it returns. */
export function returnedOrderLineId(data: SimData, ret: SimReturn, line: SimReturnLine): number | undefined {
  if (line.orderLine) return line.orderLine.id;
  const shipment = ret.shipment ? data.shipments.get(ret.shipment.id) : undefined;
  return shipment?.lines.find((l) => l.id === line.shipmentLine?.id)?.orderLine?.id ?? undefined;
}

/**
 * Units of `line` on the order's COMPLETED returns, at most the line's quantity [INF: Centra's own count; a
 * pending return is not counted, as the back office counts returned items only once the return is completed].
 */
export function returnedQuantity(data: SimData, order: SimOrder, line: SimOrderLine): number {
  let sum = 0;
  for (const ret of data.returns.forOrder(order)) {
    if (ret.status !== 'COMPLETED') continue;
    for (const rl of ret.lines) if (returnedOrderLineId(data, ret, rl) === line.id) sum += rl.quantity ?? 0;
  }
  return Math.min(sum, line.quantity);
}

/** Units of `line` on the order's shipped shipments (isShipped), at most the line's quantity. */
export function shippedQuantity(data: SimData, order: SimOrder, line: SimOrderLine): number {
  let sum = 0;
  for (const shipment of data.shipments.forOrder(order)) {
    if (!shipment.isShipped) continue;
    for (const sl of shipment.lines) if (sl.orderLine?.id === line.id) sum += sl.quantity;
  }
  return Math.min(sum, line.quantity);
}
