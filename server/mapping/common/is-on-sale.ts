import type { CentraOrder, CentraOrderLine } from '../../centra/orders/centra-order.js';
import { roundMoney } from './money.js';
import { hasOrderVoucher } from '../order/vouchers.js';

/** Decides a line's `is_on_sale`. mapOrder takes another rule through its context to change the policy. */
export type OnSaleRule = (line: CentraOrderLine, order: CentraOrder) => boolean;

/**
 * On sale = sold below its original price by a campaign, not by a voucher.
 * [INF] `unitOriginalPrice` is the price before campaigns and vouchers, `unitPrice` the price after both.
 * [INF] Centra exposes vouchers per order only, so on an order with any voucher a lower unit price may come
 * from the voucher: such lines are not counted as on sale rather than guessed.
 * Prices are compared after rounding to the currency so float noise does not make a sale.
 */
export const isOnSale: OnSaleRule = (line, order) => {
  const currency = order.grandTotal.currency.code;
  const paid = line.unitPrice?.value;
  const original = line.unitOriginalPrice?.value;
  if (paid === undefined || original === undefined) return false;
  return roundMoney(paid, currency) < roundMoney(original, currency) && !hasOrderVoucher(order);
};
