import type { CentraOrder, CentraOrderLine } from '../centra/centra-order.js';
import { effectiveQuantity } from './effective-quantity.js';
import { roundMoney } from './money.js';

export interface LineRefund {
  quantity: number;
  amount: number;
}

/**
 * Refunded quantity and amount per order line, summed over every COMPLETED return of the order. A return that
 * is pending again (un-completed) or deleted is not in the sum, so re-pushing takes it back out.
 * [INF] A return line names its order line directly or through its shipment line; the amount refunded is the
 * unit price the customer paid (lineValue / quantity): return-level shipping, handling and fees are not lines.
 */
export function refundsByLine(order: CentraOrder): Map<number, LineRefund> {
  const lines = new Map(order.lines.map((l) => [l.id, l]));
  const refunds = new Map<number, LineRefund>();
  for (const ret of order.returns ?? []) {
    if (ret.status !== 'COMPLETED') continue;
    for (const rl of ret.lines) {
      const lineId = rl.orderLine?.id ?? rl.shipmentLine?.orderLine?.id;
      const line = lineId === undefined ? undefined : lines.get(lineId);
      if (!line) continue;
      const sofar = refunds.get(line.id)?.quantity ?? 0;
      const quantity = Math.min(effectiveQuantity(line), sofar + (rl.quantity ?? 0));
      refunds.set(line.id, { quantity, amount: roundMoney(quantity * paidUnitPrice(line), order.grandTotal.currency.code) });
    }
  }
  return refunds;
}

function paidUnitPrice(line: CentraOrderLine): number {
  const quantity = effectiveQuantity(line);
  return quantity > 0 && line.lineValue ? line.lineValue.value / quantity : (line.unitPrice?.value ?? 0);
}
