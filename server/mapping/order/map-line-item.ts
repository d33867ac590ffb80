import type { CentraOrder, CentraOrderLine } from '../../centra/orders/centra-order.js';
import type { OmetriaLineItem } from '../../ometria/ometria-records.js';
import { definedOnly } from '../common/defined-only.js';
import { effectiveQuantity } from './effective-quantity.js';
import type { OnSaleRule } from '../common/is-on-sale.js';
import type { LineRefund } from './line-refunds.js';
import { lineProductId, lineVariantId } from './line-keys.js';
import { lineTitle } from './line-title.js';
import { roundMoney } from '../common/money.js';
import { orderMappingError } from './order-mapping-errors.js';

/**
 * One Centra line still bought (effectiveQuantity > 0) as an Ometria line item, amounts in the order currency.
 * subtotal is before discounts, total what the line costs after them; discount is never positive, so a
 * line priced above its original price shows discount 0 and its real total.
 */
export function mapLineItem(line: CentraOrderLine, order: CentraOrder, onSale: OnSaleRule, refund?: LineRefund): OmetriaLineItem {
  const currency = order.grandTotal.currency.code;
  const quantity = effectiveQuantity(line);
  const sku = lineVariantId(line, order);
  const unitOriginal = line.unitOriginalPrice?.value;
  if (unitOriginal === undefined) throw orderMappingError.missingPrice(order, line, 'unitOriginalPrice');
  const lineValue = line.lineValue?.value;
  if (lineValue === undefined) throw orderMappingError.missingPrice(order, line, 'lineValue');

  const subtotal = roundMoney(unitOriginal * quantity, currency);
  const total = roundMoney(lineValue, currency);
  return definedOnly({
    product_id: lineProductId(line, order),
    variant_id: sku,
    sku,
    title: lineTitle(line),
    quantity,
    unit_price: roundMoney(unitOriginal, currency),
    subtotal,
    discount: Math.min(0, roundMoney(total - subtotal, currency)),
    total,
    is_on_sale: onSale(line, order),
    quantity_refunded: refund && refund.quantity > 0 ? refund.quantity : undefined,
    refunded: refund && refund.quantity > 0 ? refund.amount : undefined,
  });
}
