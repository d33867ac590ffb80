import type { CentraOrder } from '../../centra/orders/centra-order.js';

/** Voucher codes on the order, trimmed, without blanks or repeats, sorted so the record is stable. */
export function voucherCodes(order: CentraOrder): string[] {
  const codes = order.discountsApplied.map((applied) => applied.discount?.code?.trim() ?? '').filter(Boolean);
  return [...new Set(codes)].sort();
}

/**
 * [INF] Any applied discount counts as an order-level voucher, with or without a code: Centra's automatic
 * vouchers have no code but lower line prices too, and Centra does not say which lines a voucher touched.
 * A free-shipping voucher therefore also counts; narrow this if a live account shows line-level voucher data.
 */
export function hasOrderVoucher(order: CentraOrder): boolean {
  return order.discountsApplied.length > 0;
}

/** Ometria's `coupon_code`: the voucher codes joined with ',' (docs/design.md D3), undefined when there are none. */
export function couponCode(order: CentraOrder): string | undefined {
  const codes = voucherCodes(order);
  return codes.length > 0 ? codes.join(',') : undefined;
}
