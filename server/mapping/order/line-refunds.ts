import type { CentraOrder, CentraOrderLine } from '../../centra/orders/centra-order.js';
import { isCompletedReturn, isSettledRefund, PAYMENT_ENTRY_TYPES } from '../../centra/centra-vocabulary.js';
import { effectiveQuantity } from './effective-quantity.js';
import { roundMoney } from '../common/money.js';

export interface LineRefund {
  quantity: number;
  amount: number;
}

/**
 * Refunded quantity and amount per order line, from what Centra records where the live schema has it
 * (docs/mapping.md, "Refunds"):
 * - quantities: `OrderLine.returnedQuantity` when Centra sends it; otherwise summed over every completed return,
 *   so a return that is pending again (un-completed) or deleted drops out of the sum on the next push;
 * - amounts: the price paid for the returned units (lineValue / quantity), scaled down to what
 *   `Return.refundPaymentHistory` says was refunded when Centra sends it (never up: a refund of shipping or fees
 *   is no line's).
 */
export function refundsByLine(order: CentraOrder): Map<number, LineRefund> {
  const quantities = hasReturnedQuantities(order) ? fromReturnedQuantities(order) : fromCompletedReturns(order);
  const currency = order.grandTotal.currency.code;
  const byLine = new Map(order.lines.map((l) => [l.id, l]));
  const paid = (lineId: number, quantity: number) => quantity * paidUnitPrice(byLine.get(lineId)!);
  const goods = [...quantities].reduce((sum, [lineId, quantity]) => sum + paid(lineId, quantity), 0);
  const refunded = refundedTotal(order);
  const scale = refunded === undefined || goods <= 0 ? 1 : Math.min(1, refunded / goods);
  const refunds = new Map<number, LineRefund>();
  for (const [lineId, quantity] of quantities) refunds.set(lineId, { quantity, amount: roundMoney(paid(lineId, quantity) * scale, currency) });
  return refunds;
}

/** Centra sends the field on every line once the live schema has it; a null on one line is then zero. */
const hasReturnedQuantities = (order: CentraOrder): boolean => order.lines.some((l) => typeof l.returnedQuantity === 'number');

function fromReturnedQuantities(order: CentraOrder): Map<number, number> {
  const out = new Map<number, number>();
  for (const line of order.lines) {
    const quantity = Math.min(effectiveQuantity(line), Math.max(0, line.returnedQuantity ?? 0));
    if (quantity > 0) out.set(line.id, quantity);
  }
  return out;
}

/** [INF] A return line names its order line directly or through its shipment line. */
function fromCompletedReturns(order: CentraOrder): Map<number, number> {
  const lines = new Map(order.lines.map((l) => [l.id, l]));
  const out = new Map<number, number>();
  for (const ret of order.returns ?? []) {
    if (!isCompletedReturn(ret.status ?? ret.returnStatus)) continue;
    for (const rl of ret.lines) {
      const line = lines.get(rl.orderLine?.id ?? rl.shipmentLine?.orderLine?.id ?? Number.NaN);
      if (!line) continue;
      out.set(line.id, Math.min(effectiveQuantity(line), (out.get(line.id) ?? 0) + (rl.quantity ?? 0)));
    }
  }
  for (const [id, quantity] of out) if (quantity <= 0) out.delete(id);
  return out;
}

/**
 * Money Centra's payment history says went back to the shopper; undefined when Centra does not send it, or sends
 * an entry type we cannot read (better the price paid than a refund of nothing).
 */
function refundedTotal(order: CentraOrder): number | undefined {
  const entries = (order.returns ?? []).flatMap((r) => r.refundPaymentHistory ?? []);
  const sent = (order.returns ?? []).some((r) => r.refundPaymentHistory !== undefined);
  if (!sent || entries.some((e) => !e.entryType || !PAYMENT_ENTRY_TYPES.has(e.entryType))) return undefined;
  return entries.filter(isSettledRefund).reduce((sum, e) => sum + (e.value?.value ?? 0), 0);
}

function paidUnitPrice(line: CentraOrderLine): number {
  const quantity = effectiveQuantity(line);
  return quantity > 0 && line.lineValue ? line.lineValue.value / quantity : (line.unitPrice?.value ?? 0);
}
