import type { CentraOrder, CentraOrderLine } from '../../centra/orders/centra-order.js';
import { effectiveQuantity } from '../order/effective-quantity.js';
import { isOnSale, type OnSaleRule } from '../common/is-on-sale.js';
import { roundMoney } from '../common/money.js';
import { orderCurrency } from '../order/order-currency.js';
import { orderTimestamp } from '../order/order-timestamp.js';
import { isWholeOrderCancelled } from '../order/order-validity.js';
import type { OrderFacts } from '../../store/customer-history-store.js';

export type { OrderFacts };

/** Refunded units and amount (order currency) of one order line. */
export interface LineRefundAmount {
  quantity: number;
  amount: number;
}

/** Refunds by order line id: a Map (as line-refunds.ts gives) or a plain object keyed by the id. */
export type RefundsByLine = ReadonlyMap<number, LineRefundAmount> | Readonly<Record<string, LineRefundAmount>>;

/**
 * Pure. Throws MappingError (via orderTimestamp/orderCurrency) for an order without a date or currency, as
 * mapOrder does: such an order is dead-lettered before its facts matter.
 */
export function orderFacts(order: CentraOrder, contactKey: string, refunds?: RefundsByLine, onSale: OnSaleRule = isOnSale): OrderFacts {
  const currency = orderCurrency(order);
  const isValid = !isWholeOrderCancelled(order);
  const lines = order.lines.filter((line) => effectiveQuantity(line) > 0);
  const refundOf = (line: CentraOrderLine) => refundFor(refunds, line);
  return {
    orderNumber: order.number,
    contactKey,
    orderDate: orderTimestamp(order),
    currency,
    netValue: isValid ? orderNetValue(lines, refundOf, currency) : 0,
    items: sum(lines, effectiveQuantity),
    fullPriceItems: sum(
      lines.filter((line) => !onSale(line, order)),
      effectiveQuantity,
    ),
    itemsReturned: sum(lines, (line) => refundOf(line).quantity),
    isValid,
  };
}

/**
 * [INF] An order's net value for lifetime value: what the customer paid for the lines still bought (`lineValue`,
 * after discounts, with tax as priced) minus refunded amounts. Shipping, handling and added tax are left out:
 * refunds are known per line only, so the two sides stay comparable. Never below 0.
 */
export function orderNetValue(lines: readonly CentraOrderLine[], refundOf: (line: CentraOrderLine) => LineRefundAmount, currency: string): number {
  const paid = lines.reduce((total, line) => total + (line.lineValue?.value ?? (line.unitPrice?.value ?? 0) * effectiveQuantity(line)), 0);
  const refunded = lines.reduce((total, line) => total + refundOf(line).amount, 0);
  return Math.max(0, roundMoney(paid - refunded, currency));
}

/** A line's refund, capped at the units still bought so a double-counted return cannot exceed the line. */
function refundFor(refunds: RefundsByLine | undefined, line: CentraOrderLine): LineRefundAmount {
  const refund =
    refunds instanceof Map
      ? (refunds as ReadonlyMap<number, LineRefundAmount>).get(line.id)
      : (refunds as Record<string, LineRefundAmount> | undefined)?.[String(line.id)];
  if (!refund) return { quantity: 0, amount: 0 };
  return { quantity: Math.min(effectiveQuantity(line), Math.max(0, refund.quantity)), amount: Math.max(0, refund.amount) };
}

function sum(lines: readonly CentraOrderLine[], of: (line: CentraOrderLine) => number): number {
  return lines.reduce((total, line) => total + of(line), 0);
}
