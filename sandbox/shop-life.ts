import { shipmentOf } from './centra-simulator/seed/seed-after-sale.js';
import { sendCentraWebhook, orderTotals, seedCatalogue, seedCustomers, seedOrders, type SimData, type SimDtcOrder } from './centra-simulator/index.js';

/** A webhook event as Centra sends it (docs/design.md: webhook deliveries); the sandbox signs and posts it. */
export interface ShopEvent {
  type: 'order' | 'shipment' | 'return' | 'customer';
  action: 'create' | 'update';
  id: number;
}

/** What one action did in the simulated Centra: the events it would send, and a sentence for the page. */
export interface ShopChange {
  events: ShopEvent[];
  said: string;
}

/** Where the sandbox's Centra delivers its webhooks, and the secret it signs them with. */
export interface WebhookTarget {
  webhookUrl: () => string;
  webhookSecret: string;
}

/** One signed delivery of `events`, dated `now` as Centra dates them ("Y-m-d H:i:s", UTC), as Centra would send it. */
export function sendShopEvents(target: WebhookTarget, events: readonly ShopEvent[], now: number): Promise<{ status: number; body: string }> {
  const date = new Date(now).toISOString().replace('T', ' ').slice(0, 19);
  return sendCentraWebhook({ url: target.webhookUrl(), secret: target.webhookSecret, payload: { events: events.map((e) => ({ ...e, date })) } });
}

/** A refusal the page shows as it is: what cannot be done to which entity, and why. */
export class ShopActionError extends Error {}

/**
 * Catalogue and customers dated in the days before `now`, so the first catalogue sync and a 7-day reconciliation
 * see them (seeded data defaults to 2024). Idempotent: a store that has them keeps them.
 */
export function seedNearNow(data: SimData, now: number): void {
  const before = new Date(now - 3_600_000).toISOString();
  if (data.products.size === 0) seedCatalogue(data, { products: 6, before });
  if (data.customers.size === 0) seedCustomers(data, { count: 12, before });
}

/**
 * `count` new orders placed in the last minutes. One order (`count` 1) is confirmed and not shipped, so the page's
 * ship, return and cancel buttons can walk it through its life; a batch has Centra's usual mix of states.
 */
export function placeOrders(data: SimData, count: number, now: number): ShopChange {
  seedNearNow(data, now);
  const spacingMinutes = 2;
  const single = count === 1;
  const { first, last } = seedOrders(data, {
    count,
    seed: now % 100_000,
    from: new Date(now - count * spacingMinutes * 60_000).toISOString(),
    spacingMinutes,
    ...(single ? { afterSale: false, cancelledShare: 0 } : {}),
  });
  const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  if (single) data.orders.update(first, (o) => void (o.status = 'CONFIRMED'));
  return {
    events: numbers.map((id) => ({ type: 'order', action: 'create', id })),
    said: single ? `Order ${first} was placed.` : `Orders ${first}–${last} were placed.`,
  };
}

function dtcOrder(data: SimData, number: number): SimDtcOrder {
  const order = data.orders.get(number);
  if (!order) throw new ShopActionError(`There is no order ${number} in the simulated Centra: place one first.`);
  if (order.__typename !== 'DirectToConsumerOrder') throw new ShopActionError(`Order ${number} is a wholesale order: the sandbox acts on shop orders only.`);
  return order;
}

/** Ids derive from the order number, as the seed's do: one shipment and one return per order here. */
const afterSaleId = (orderNumber: number) => orderNumber * 10 + 1;

export function shipOrder(data: SimData, number: number): ShopChange {
  const order = dtcOrder(data, number);
  if (order.status === 'CANCELLED') throw new ShopActionError(`Order ${number} is cancelled: there is nothing to ship.`);
  const id = afterSaleId(number);
  if (data.shipments.get(id)?.isShipped) throw new ShopActionError(`Order ${number} was already shipped (shipment ${number}-1).`);
  const at = data.stamp();
  const shipment = shipmentOf(order, { id, at, carrier: { carrierName: 'DHL', serviceName: 'Express' } });
  if (data.shipments.has(id)) data.shipments.update(id, shipment);
  else data.shipments.add(shipment);
  data.orders.update(number, (o) => void (o.status = 'SHIPPED'));
  return {
    events: [
      { type: 'shipment', action: 'create', id },
      { type: 'order', action: 'update', id: number },
    ],
    said: `Order ${number} was shipped with DHL, tracking number ${shipment.trackingNumber}.`,
  };
}

export function returnOrder(data: SimData, number: number): ShopChange {
  const order = dtcOrder(data, number);
  const id = afterSaleId(number);
  const shipment = data.shipments.get(id);
  if (!shipment?.isShipped) throw new ShopActionError(`Order ${number} has not been shipped: ship it before returning it.`);
  if (data.returns.has(id)) throw new ShopActionError(`Order ${number} was already returned (return ${id}).`);
  const first = shipment.lines[0];
  if (!first) throw new ShopActionError(`Shipment ${shipment.number} has no lines to return.`);
  const at = data.stamp();
  data.returns.add({
    __typename: 'DirectToConsumerReturn',
    id,
    status: 'COMPLETED',
    returnStatus: 'COMPLETED',
    createdAt: at,
    updatedAt: at,
    returnedToStock: true,
    order: { number, id: order.id },
    shipment: { id },
    store: { id: order.store.id },
    lines: [{ id, quantity: first.quantity, shipmentLine: { id: first.id }, orderLine: first.orderLine ?? null }],
    grandTotal: first.lineValue,
    customer: shipment.customer ?? null,
  });
  return {
    events: [
      { type: 'return', action: 'create', id },
      { type: 'order', action: 'update', id: number },
    ],
    said: `The first line of order ${number} was returned (return ${id}).`,
  };
}

export function cancelOrder(data: SimData, number: number): ShopChange {
  const order = dtcOrder(data, number);
  if (order.status === 'CANCELLED') throw new ShopActionError(`Order ${number} is already cancelled.`);
  if (data.shipments.get(afterSaleId(number))?.isShipped) throw new ShopActionError(`Order ${number} was shipped: return it instead of cancelling it.`);
  data.orders.update(number, (o) => {
    const lines = o.lines.map((l) => ({ ...l, cancelledQuantity: l.cancelledQuantity + l.quantity, quantity: 0 }));
    const { grandTotal, totals } = orderTotals(lines, { currency: o.grandTotal.currency, shipping: 0 });
    Object.assign(o, { status: 'CANCELLED', lines, grandTotal, totals });
  });
  return { events: [{ type: 'order', action: 'update', id: number }], said: `Order ${number} was cancelled.` };
}

/** Flips the marketing consent of the order's customer (Centra's `newsletter` flag). */
export function toggleConsent(data: SimData, number: number): ShopChange {
  const customerId = dtcOrder(data, number).customer?.id;
  const customer = customerId === undefined ? undefined : data.customers.get(customerId);
  if (!customer) throw new ShopActionError(`Order ${number} has no customer in the simulated Centra: its consent cannot change.`);
  const consented = !customer.newsletter;
  data.customers.update(customer.id, (c) => void (c.newsletter = consented));
  return {
    events: [{ type: 'customer', action: 'update', id: customer.id }],
    said: `Customer ${customer.id} (order ${number}) ${consented ? 'opted in to' : 'opted out of'} marketing email.`,
  };
}
