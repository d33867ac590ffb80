import type { SimData } from '../data/sim-data.js';
import { simMoney } from '../money.js';
import type { SimPaymentHistoryEntry, SimReturn } from '../types/index.js';
import { orderOf } from './after-sale-search.js';
import { returnedOrderLineId } from './line-quantities.js';

/** Refund entry ids are the return's id plus this, so they never meet an order's own payment entry ids. */
const REFUND_ID_BASE = 1_000_000;

/**
 * `Return.refundPaymentHistory`: what a test stored, else for a COMPLETED return one successful REFUND of the
 * unit price paid (lineValue / quantity) times each returned quantity, dated when the return last changed, in the
 * order's currency and payment method; a pending return has none. [INF] Centra's entries for return-level
 * shipping, handling or fees are unknown; the simulator refunds lines only, as the service infers today.
 */
export function refundPaymentHistory(data: SimData, ret: SimReturn): SimPaymentHistoryEntry[] {
  if (ret.refundPaymentHistory) return ret.refundPaymentHistory;
  if (ret.status !== 'COMPLETED') return [];
  const order = orderOf(data, ret.order);
  if (!order) return [];
  let amount = 0;
  for (const rl of ret.lines) {
    const line = order.lines.find((l) => l.id === returnedOrderLineId(data, ret, rl));
    if (line && line.quantity > 0) amount += (line.lineValue.value / line.quantity) * (rl.quantity ?? 0);
  }
  return [
    {
      id: REFUND_ID_BASE + ret.id,
      createdAt: ret.updatedAt,
      status: 'SUCCESS',
      entryType: 'REFUND',
      value: simMoney(amount, order.grandTotal.currency),
      paymentMethod: order.paymentMethod?.plugin ?? null,
      externalReference: null,
      paramsJSON: null,
    },
  ];
}
