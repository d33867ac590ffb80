import type { CentraOrder } from '../../centra/orders/centra-order.js';
import type { OmetriaLineItem, OmetriaOrder } from '../../ometria/ometria-records.js';
import { definedOnly } from '../common/defined-only.js';
import { effectiveQuantity } from './effective-quantity.js';
import { isOnSale, type OnSaleRule } from '../common/is-on-sale.js';
import { mapAddress } from '../common/map-address.js';
import { mapLineItem } from './map-line-item.js';
import { methodSlug } from './method-slug.js';
import { roundMoney, sumMoney } from '../common/money.js';
import { orderCurrency } from './order-currency.js';
import { orderCustomer } from './order-customer.js';
import { orderTimestamp } from './order-timestamp.js';
import { isWholeOrderCancelled } from './order-validity.js';
import { cleanText } from '../common/text.js';
import { couponCode } from './vouchers.js';
import { afterSaleStatus } from './after-sale-status.js';
import { refundsByLine } from './line-refunds.js';
import { shipmentProperties } from './shipment-properties.js';
import { defaultTrackingUrl, type TrackingUrlFor } from './tracking-url.js';

export interface OrderMappingContext {
  /** The contact key of the order's customer (docs/design.md D1), allocated by the caller. */
  contactKey: string;
  /**
   * Ometria store id for the order's market, from OMETRIA_STORE_MAP (docs/design.md D21); absent, the order carries no
   * store (an unmapped market with OMETRIA_STORE_MAP_OPTIONAL set).
   */
  ometriaStore?: string | undefined;
  /** Replaces the default `is_on_sale` policy (is-on-sale.ts). */
  isOnSale?: OnSaleRule;
  /** Carrier → tracking URL (CARRIER_TRACKING_URLS over the defaults in tracking-url.ts). */
  trackingUrl?: TrackingUrlFor;
}

/**
 * A Centra order as a full Ometria order snapshot (no `@merge`, docs/design.md D4), per docs/mapping.md.
 * Pure: no clock, no I/O, input untouched. Held orders are the caller's to skip (docs/design.md D3).
 * Throws MappingError (see order-mapping-errors.ts) for orders that cannot make a valid record.
 */
export function mapOrder(order: CentraOrder, ctx: OrderMappingContext): OmetriaOrder {
  const currency = orderCurrency(order);
  const onSale = ctx.isOnSale ?? isOnSale;
  const refunds = refundsByLine(order);
  const lineitems = order.lines.filter((line) => effectiveQuantity(line) > 0).map((line) => mapLineItem(line, order, onSale, refunds.get(line.id)));
  const subtotal = roundMoney(sumOf(lineitems, 'subtotal'), currency);
  const linesTotal = roundMoney(sumOf(lineitems, 'total'), currency);

  return definedOnly<OmetriaOrder>({
    '@type': 'order',
    id: String(order.number),
    timestamp: orderTimestamp(order),
    status: afterSaleStatus(order, refunds),
    is_valid: !isWholeOrderCancelled(order),
    currency,
    grand_total: roundMoney(order.grandTotal.value, currency),
    subtotal,
    discount: Math.min(0, roundMoney(linesTotal - subtotal, currency)),
    shipping: sumMoney(currency, order.totals.shipping, order.totals.handling),
    tax: sumMoney(currency, order.totals.taxIncluded, order.totals.taxAdded),
    channel: 'online',
    store: ctx.ometriaStore,
    payment_method: methodSlug(order.paymentMethod?.uri),
    shipping_method: methodSlug(order.shippingPriceGroup?.shippingOption?.uri),
    coupon_code: couponCode(order),
    customer: orderCustomer(order, ctx.contactKey),
    shipping_address: mapAddress(order.shippingAddress),
    billing_address: mapAddress(order.billingAddress),
    lineitems,
    properties: definedOnly({
      centra_market: cleanText(order.market?.name),
      centra_order_id: order.id,
      ...shipmentProperties(order, ctx.trackingUrl ?? defaultTrackingUrl),
    }),
  });
}

function sumOf(lines: OmetriaLineItem[], field: 'subtotal' | 'total'): number {
  return lines.reduce((sum, line) => sum + (line[field] ?? 0), 0);
}
