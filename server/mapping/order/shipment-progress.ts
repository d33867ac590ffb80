import type { CentraOrder, CentraOrderLine, CentraShipment } from '../../centra/orders/centra-order.js';
import { effectiveQuantity } from './effective-quantity.js';

/** Shipments that left the warehouse (Centra: completed = shipped; it does not track delivery). */
export const shippedShipments = (order: CentraOrder): CentraShipment[] => (order.shipments ?? []).filter((s) => s.isShipped);

/**
 * 'all' when every bought unit is in a shipped shipment, 'some' when part is, 'none' otherwise. Units are counted
 * from shipment lines where they name their order line, else from Centra's `OrderLine.shippedQuantity` (the live
 * schema may lack `ShipmentLine.orderLine`, a guessed name).
 */
export function shippedShare(order: CentraOrder): 'all' | 'some' | 'none' {
  const shipped = shippedUnits(order);
  if (shipped.size === 0) return 'none';
  const bought = order.lines.filter((l) => effectiveQuantity(l) > 0);
  return bought.every((l) => (shipped.get(l.id) ?? 0) >= effectiveQuantity(l)) ? 'all' : 'some';
}

/** The shipment whose tracking the order carries (docs/design.md D11): the last shipped, by time then id. */
export function latestShipment(order: CentraOrder): CentraShipment | undefined {
  const time = (s: CentraShipment) => Date.parse(s.shippedAt ?? s.createdAt ?? '') || 0;
  return [...shippedShipments(order)].sort((a, b) => time(a) - time(b) || a.id - b.id).at(-1);
}

function shippedUnits(order: CentraOrder): Map<number, number> {
  const shipped = new Map<number, number>();
  for (const s of shippedShipments(order)) {
    for (const l of s.lines) if (l.orderLine) shipped.set(l.orderLine.id, (shipped.get(l.orderLine.id) ?? 0) + l.quantity);
  }
  if (shipped.size > 0 || shippedShipments(order).length === 0) return shipped;
  for (const line of order.lines) if ((line.shippedQuantity ?? 0) > 0) shipped.set(line.id, line.shippedQuantity!);
  return shipped;
}

/**
 * The order lines one shipment carried, with units: from its lines where they name their order line; else, for
 * the order's only shipped shipment, every line's `OrderLine.shippedQuantity`; else none (which units went in which
 * of several parcels is then unknown).
 */
export function shipmentLineUnits(order: CentraOrder, shipment: CentraShipment): Array<{ line: CentraOrderLine; quantity: number }> {
  const lines = new Map(order.lines.map((l) => [l.id, l]));
  const named = shipment.lines.flatMap((sl) => {
    const line = sl.orderLine ? lines.get(sl.orderLine.id) : undefined;
    return line ? [{ line, quantity: sl.quantity }] : [];
  });
  if (named.length > 0 || shipment.lines.some((sl) => sl.orderLine)) return named;
  const shipped = shippedShipments(order);
  if (shipped.length !== 1 || shipped[0]!.id !== shipment.id) return [];
  return order.lines.flatMap((line) => ((line.shippedQuantity ?? 0) > 0 ? [{ line, quantity: line.shippedQuantity! }] : []));
}
