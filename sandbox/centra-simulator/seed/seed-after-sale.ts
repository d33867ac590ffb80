import type { SimData } from '../data/sim-data.js';
import type { SimDtcOrder, SimShipment } from '../types/index.js';
import type { Prng } from './prng.js';

const CARRIERS = [
  ['DHL', 'Express'],
  ['PostNord', 'MyPack'],
  ['Royal Mail', 'Tracked 48'],
] as const;

/**
 * A shipment for processing (not yet shipped) and shipped (completed) or archived orders, and a
 * pending or completed return of the first line for about 8 % of shipped ones. Ids derive from
 * the order number (shipment n × 10 + 1, return n × 10 + 1) so re-seeding is stable.
 */
export function seedAfterSale(data: SimData, order: SimDtcOrder, rng: Prng): void {
  const shipped = order.status === 'SHIPPED' || order.status === 'ARCHIVED';
  if (!shipped && order.status !== 'PROCESSING') return;
  const id = order.number * 10 + 1;
  const created = Date.parse(order.createdAt) + 86_400_000;
  const at = data.stamp(created);
  const [carrierName, serviceName] = rng.pick(CARRIERS);
  const shipment = shipmentOf(order, { id, at, carrier: shipped ? { carrierName, serviceName } : null });
  data.shipments.add(shipment);
  const first = shipment.lines[0];
  if (!shipped || !first || !rng.chance(0.08)) return;
  const returnedAt = data.stamp(created + 7 * 86_400_000);
  const completed = rng.chance(0.5);
  data.returns.add({
    __typename: 'DirectToConsumerReturn',
    id,
    status: completed ? 'COMPLETED' : 'PENDING',
    returnStatus: completed ? 'COMPLETED' : 'PENDING',
    createdAt: returnedAt,
    updatedAt: returnedAt,
    returnedToStock: completed,
    order: { number: order.number, id: order.id },
    shipment: { id },
    store: { id: order.store.id },
    lines: [{ id, quantity: first.quantity, shipmentLine: { id: first.id }, orderLine: { id: first.id } }],
    grandTotal: first.lineValue,
    customer: order.customer ? { id: order.customer.id } : null,
  });
}

/**
 * The one shipment of a shop order, of every line still bought, stamped `at`; shipped with a tracking number when
 * it has a carrier, else waiting (processing). Ids derive from the order number (see seedAfterSale).
 */
export function shipmentOf(order: SimDtcOrder, options: { id: number; at: string; carrier: { carrierName: string; serviceName: string } | null }): SimShipment {
  const { id, at, carrier } = options;
  const lines = order.lines.filter((l) => l.quantity > 0).map((l) => ({ id: l.id, quantity: l.quantity, lineValue: l.lineValue, orderLine: { id: l.id } }));
  return {
    __typename: 'DirectToConsumerShipment',
    id,
    number: `${order.number}-1`,
    order: { number: order.number, id: order.id },
    createdAt: at,
    updatedAt: at,
    isGoodToGo: true,
    isPaid: true,
    paidAt: at,
    isCaptured: true,
    capturedAt: at,
    isShipped: carrier !== null,
    shippedAt: carrier ? at : null,
    numberOfPackages: 1,
    trackingNumber: carrier ? `${carrier.carrierName.slice(0, 2).toUpperCase()}${1_000_000_000 + id}` : null,
    carrierInformation: carrier,
    grandTotal: order.grandTotal,
    lines,
    shippingAddress: order.shippingAddress ?? null,
    customer: order.customer ? { id: order.customer.id } : null,
  };
}
