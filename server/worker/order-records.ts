import type { CentraOrder } from '../centra/centra-order.js';
import { mapOrderContact } from '../mapping/map-contact.js';
import { mapOrder } from '../mapping/map-order.js';
import { mapShipmentEvent } from '../mapping/map-shipment-event.js';
import { shippedShipments } from '../mapping/shipment-progress.js';
import type { OmetriaContact, OmetriaCustomEvent, OmetriaOrder } from '../../shared/schemas/ometria-records.js';
import type { SyncContext } from './sync-context.js';

export interface OrderRecords {
  contactKey: string;
  order: OmetriaOrder;
  contact: OmetriaContact | undefined;
  events: OmetriaCustomEvent[];
}

/**
 * Everything Ometria should hold for one Centra order: the order, its customer's contact and one event per
 * shipped shipment. Used by the sync and by reconciliation, so both expect the same records.
 * Allocates the contact key on first sight (decisions.md 1); throws MappingError for unmappable data.
 */
export function orderRecords(ctx: SyncContext, order: CentraOrder, ometriaStore: string): OrderRecords {
  const customer = order.customer;
  const contactKey = customer ? ctx.store.contactKeys.resolve(customer.id, customer.email, ctx.now()) : `order-${order.number}`;
  return {
    contactKey,
    order: mapOrder(order, { contactKey, ometriaStore, trackingUrl: ctx.trackingUrl }),
    contact: customer ? mapOrderContact(customer, { contactKey, collection: ctx.contactCollection, ometriaStore }) : undefined,
    events: customer ? shippedShipments(order).map((s) => mapShipmentEvent(order, s, { contactKey, trackingUrl: ctx.trackingUrl })) : [],
  };
}
