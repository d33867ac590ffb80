import { simMoney } from '../money.js';
import type { SimOrder, SimOrderLine, SimPaymentHistoryEntry, SimShipment } from '../types/index.js';
import type { SimContext } from './context.js';
import { returnedQuantity, shippedQuantity } from './line-quantities.js';
import { linkParent, parentOf } from './parent-link.js';

/** A line is fully cancelled when nothing of it is left and something was cancelled. */
export const isFullyCancelled = (line: SimOrderLine): boolean => line.quantity === 0 && line.cancelledQuantity > 0;

interface PaymentHistoryWhere {
  entryType?: string[] | null;
  status?: string[] | null;
}

const order = {
  lines: (o: SimOrder, args: { includeFullyCancelled?: boolean | null }) =>
    o.lines.filter((l) => args.includeFullyCancelled === true || !isFullyCancelled(l)).map((l) => linkParent(l, o)),
  shipments: (o: SimOrder, _args: unknown, ctx: SimContext) => ctx.data.shipments.forOrder(o),
  returns: (o: SimOrder, _args: unknown, ctx: SimContext) => ctx.data.returns.forOrder(o),
  paymentHistory: (o: SimOrder, args: { where?: PaymentHistoryWhere | null }) =>
    (o.paymentHistory ?? []).filter(
      (e: SimPaymentHistoryEntry) =>
        (!args.where?.entryType || args.where.entryType.includes(e.entryType ?? '')) && (!args.where?.status || args.where.status.includes(e.status ?? '')),
    ),
};

/**
 * `lineValue(includingTax: false)`: net of the line's tax rate [INF: Centra's rounding unknown]. Returned and
 * shipped quantities are counted from the order's returns and shipments unless a test stored them.
 */
const orderLine = {
  lineValue: (l: SimOrderLine, args: { includingTax?: boolean | null }) =>
    args.includingTax === false ? simMoney(l.lineValue.value / (1 + l.taxPercent / 100), l.lineValue.currency) : l.lineValue,
  returnedQuantity: (l: SimOrderLine, _args: unknown, ctx: SimContext) => {
    const order = parentOf<SimOrder>(l);
    return l.returnedQuantity ?? (order ? returnedQuantity(ctx.data, order, l) : null);
  },
  shippedQuantity: (l: SimOrderLine, _args: unknown, ctx: SimContext) => {
    const order = parentOf<SimOrder>(l);
    return l.shippedQuantity ?? (order ? shippedQuantity(ctx.data, order, l) : null);
  },
};

export const ORDER_RESOLVERS = {
  DirectToConsumerOrder: order,
  WholesaleOrder: order,
  OrderLine: orderLine,
};

export const shipmentReturns = (s: SimShipment, _args: unknown, ctx: SimContext) => ctx.data.returns.values().filter((r) => r.shipment?.id === s.id);
