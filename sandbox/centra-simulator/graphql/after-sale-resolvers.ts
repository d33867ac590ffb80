import type { SimReturn, SimReturnLine, SimShipment, SimShipmentLine } from '../types/index.js';
import { orderOf } from './after-sale-search.js';
import type { SimContext } from './context.js';
import { shipmentReturns } from './order-resolvers.js';
import { linkParent, parentOf } from './parent-link.js';
import { refundPaymentHistory } from './refund-history.js';

function orderLineOf(ctx: SimContext, owner: SimShipment | SimReturn | undefined, lineId: number | undefined) {
  const order = owner && orderOf(ctx.data, owner.order);
  const line = order?.lines.find((l) => l.id === lineId);
  return order && line ? linkParent(line, order) : undefined;
}

const shipment = {
  lines: (s: SimShipment) => s.lines.map((l) => linkParent(l, s)),
  returns: shipmentReturns,
};

const ret = {
  lines: (r: SimReturn) => r.lines.map((l) => linkParent(l, r)),
  refundPaymentHistory: (r: SimReturn, _args: unknown, ctx: SimContext) => refundPaymentHistory(ctx.data, r),
};

export const AFTER_SALE_RESOLVERS = {
  DirectToConsumerShipment: shipment,
  WholesaleShipment: shipment,
  DirectToConsumerReturn: ret,
  WholesaleReturn: ret,
  ShipmentLine: {
    orderLine: (l: SimShipmentLine, _args: unknown, ctx: SimContext) => orderLineOf(ctx, parentOf<SimShipment>(l), l.orderLine?.id) ?? l.orderLine,
  },
  ReturnLine: {
    shipmentLine: (l: SimReturnLine, _args: unknown, ctx: SimContext) => {
      const r = parentOf<SimReturn>(l);
      const s = r?.shipment ? ctx.data.shipments.get(r.shipment.id) : undefined;
      const line = s?.lines.find((x) => x.id === l.shipmentLine?.id);
      return s && line ? linkParent(line, s) : l.shipmentLine;
    },
    orderLine: (l: SimReturnLine, _args: unknown, ctx: SimContext) => {
      const r = parentOf<SimReturn>(l);
      const viaShipment = l.orderLine
        ? undefined
        : r?.shipment && ctx.data.shipments.get(r.shipment.id)?.lines.find((x) => x.id === l.shipmentLine?.id)?.orderLine;
      return orderLineOf(ctx, r, (l.orderLine ?? viaShipment ?? undefined)?.id) ?? l.orderLine;
    },
  },
};
