import type { CentraOrder } from '../../centra/orders/centra-order.js';
import { orderMappingError } from './order-mapping-errors.js';

/** The order's ISO-4217 currency, checked once: every amount is rounded with it and Intl throws on a bad code. */
export function orderCurrency(order: CentraOrder): string {
  const code = order.grandTotal.currency.code;
  if (!/^[A-Z]{3}$/.test(code)) throw orderMappingError.invalidCurrency(order);
  return code;
}
