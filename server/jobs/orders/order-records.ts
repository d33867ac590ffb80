import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { mapOrderContact } from '../../mapping/contact/map-contact.js';
import { mapOrder } from '../../mapping/order/map-order.js';
import { mapShipmentEvent } from '../../mapping/order/map-shipment-event.js';
import { shippedShipments } from '../../mapping/order/shipment-progress.js';
import type { OmetriaContact, OmetriaCustomEvent, OmetriaOrder } from '../../ometria/ometria-records.js';
import type { Store } from '../../store/store.js';
import type { SyncContext } from '../sync-context.js';
import { orderFacts } from '../../mapping/contact/order-facts.js';
import { segmentationAttributes } from '../../mapping/contact/segmentation.js';
import { refundsByLine } from '../../mapping/order/line-refunds.js';

export interface OrderRecords {
  contactKey: string;
  order: OmetriaOrder;
  contact: OmetriaContact | undefined;
  events: OmetriaCustomEvent[];
}

/**
 * Everything Ometria should hold for one Centra order: the order, its customer's contact and one event per
 * shipped shipment. Used by the sync and by reconciliation, so both expect the same records.
 * Allocates the contact key on first sight (docs/design.md D1); throws MappingError for unmappable data.
 */
export async function orderRecords(ctx: SyncContext, order: CentraOrder, ometriaStore: string | undefined): Promise<OrderRecords> {
  const customer = order.customer;
  if (!customer) {
    const contactKey = `order-${order.number}`;
    return { contactKey, order: mapOrder(order, { contactKey, ometriaStore, trackingUrl: ctx.trackingUrl }), contact: undefined, events: [] };
  }
  // The key, the order's facts and the facts segmentation reads back are one consistent view of the contact.
  return ctx.store.transaction(async (tx) => {
    const contactKey = await tx.contactKeys.resolve(customer.id, customer.email, ctx.now());
    const record = mapOrder(order, { contactKey, ometriaStore, trackingUrl: ctx.trackingUrl });
    return {
      contactKey,
      order: record,
      contact: await withSegmentation(tx, ctx, order, contactKey, mapOrderContact(customer, { contactKey, collection: ctx.contactCollection })),
      events: shippedShipments(order).map((s) => mapShipmentEvent(order, s, { contactKey, trackingUrl: ctx.trackingUrl })),
    };
  });
}

/**
 * The contact's segmentation attributes (order count, net value after refunds, tier…) from every order we
 * have seen, this one included: kept current on every order, return and cancellation (issues 3–4).
 * `store_ids` is left to the customer sync, which knows all of a customer's markets: Ometria replaces arrays.
 */
async function withSegmentation(tx: Store, ctx: SyncContext, order: CentraOrder, contactKey: string, contact: OmetriaContact): Promise<OmetriaContact> {
  await tx.customerHistory.upsertOrderFacts([orderFacts(order, contactKey, refundsByLine(order))]);
  const segmentation = segmentationAttributes(await tx.customerHistory.factsFor(contactKey), ctx.customers.segmentation);
  return { ...contact, properties: { ...contact.properties, ...segmentation } };
}
