import type { CentraOrder, CentraShipment } from '../../centra/orders/centra-order.js';
import type { OmetriaCustomEvent } from '../../ometria/ometria-records.js';
import { definedOnly } from '../common/defined-only.js';
import { lineProductId, lineVariantId } from './line-keys.js';
import { shipmentLineUnits } from './shipment-progress.js';
import { cleanText } from '../common/text.js';
import { toUtcIso } from '../common/to-utc-iso.js';
import type { TrackingUrlFor } from './tracking-url.js';

export interface ShipmentEventContext {
  contactKey: string;
  trackingUrl: TrackingUrlFor;
}

/** Ometria advises custom event types under 32 characters; Ometria must enable the type before it can trigger. */
export const ORDER_SHIPPED_EVENT = 'order_shipped';

/**
 * One `order_shipped` custom event per shipped shipment (docs/design.md D10–D11), id `ship-<shipment id>`, so a
 * transactional "your order has shipped" email can trigger on it with a working tracking link.
 */
export function mapShipmentEvent(order: CentraOrder, shipment: CentraShipment, ctx: ShipmentEventContext): OmetriaCustomEvent {
  const carrier = cleanText(shipment.carrierInformation?.carrierName);
  const trackingNumber = cleanText(shipment.trackingNumber);
  const email = cleanText(order.customer?.email);
  return definedOnly<OmetriaCustomEvent>({
    '@type': 'custom_event',
    id: `ship-${shipment.id}`,
    event_type: ORDER_SHIPPED_EVENT,
    timestamp: toUtcIso(shipment.shippedAt ?? shipment.createdAt ?? order.orderDate ?? order.createdAt ?? ''),
    identity_account_id: ctx.contactKey,
    identity_email: email,
    properties: definedOnly({
      order_number: String(order.number),
      shipment_number: shipment.number,
      carrier,
      carrier_service: cleanText(shipment.carrierInformation?.serviceName),
      tracking_number: trackingNumber,
      tracking_url: ctx.trackingUrl(carrier, trackingNumber),
      shipped_at: shipment.shippedAt ? toUtcIso(shipment.shippedAt) : undefined,
      lines: shipmentLineUnits(order, shipment).map(({ line, quantity }) => ({
        product_id: lineProductId(line, order),
        variant_id: lineVariantId(line, order),
        quantity,
      })),
    }),
  });
}
