import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { definedOnly } from '../common/defined-only.js';
import { latestShipment, shippedShipments } from './shipment-progress.js';
import { cleanText } from '../common/text.js';
import { toUtcIso } from '../common/to-utc-iso.js';
import type { TrackingUrlFor } from './tracking-url.js';

/** docs/design.md D11: the order carries its latest shipment's tracking in `properties`. */
export function shipmentProperties(order: CentraOrder, trackingUrl: TrackingUrlFor): Record<string, unknown> {
  const shipment = latestShipment(order);
  if (!shipment) return {};
  const carrier = cleanText(shipment.carrierInformation?.carrierName);
  const trackingNumber = cleanText(shipment.trackingNumber);
  return definedOnly({
    tracking_number: trackingNumber,
    carrier,
    carrier_service: cleanText(shipment.carrierInformation?.serviceName),
    tracking_url: trackingUrl(carrier, trackingNumber),
    shipped_at: shipment.shippedAt ? toUtcIso(shipment.shippedAt) : undefined,
    shipments_count: shippedShipments(order).length,
  });
}
