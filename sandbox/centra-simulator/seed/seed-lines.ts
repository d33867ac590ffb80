import { linePrices } from '../build/order-totals.js';
import type { SizeEntry } from '../data/product-table.js';
import { round2 } from '../money.js';
import type { SimBrand, SimCurrency, SimOrderLine } from '../types/index.js';
import type { Prng } from './prng.js';

export interface LinePlan {
  orderNumber: number;
  sizes: readonly SizeEntry[];
  price: (entry: SizeEntry) => number;
  currency: SimCurrency;
  taxPercent: number;
  brand: (id: number | undefined) => SimBrand | undefined;
  /** Share of lines at a sale price (30 % off). */
  saleShare: number;
  /** Voucher factor applied on top (e.g. 0.9), or 1. */
  voucherFactor: number;
  cancelled: boolean;
}

/**
 * 1–4 lines (mostly 1–2). Line ids are `orderNumber × 10 + k`, unique and stable. Catalogue
 * objects serve as the line's product refs, so 20,000 orders add no copies of them.
 */
export function seedLines(rng: Prng, plan: LinePlan): SimOrderLine[] {
  const count = rng.weighted([
    [1, 45],
    [2, 30],
    [3, 15],
    [4, 10],
  ] as const);
  return Array.from({ length: count }, (_, k): SimOrderLine => {
    const entry = rng.pick(plan.sizes);
    const original = plan.price(entry);
    const onSale = rng.chance(plan.saleShare);
    const unit = round2((onSale ? original * 0.7 : original) * plan.voucherFactor);
    let quantity = rng.chance(0.85) ? 1 : 2;
    let cancelledQuantity = 0;
    if (plan.cancelled) [quantity, cancelledQuantity] = [0, quantity];
    else if (quantity === 2 && rng.chance(0.1)) [quantity, cancelledQuantity] = [1, 1];
    return {
      id: plan.orderNumber * 10 + k,
      product: entry.product,
      productVariant: entry.variant,
      productSize: entry.size,
      productName: entry.product.name,
      productVariantName: entry.variant.name,
      brand: plan.brand(entry.product.brand?.id) ?? null,
      quantity,
      cancelledQuantity,
      ...linePrices(original, unit, quantity, plan.currency),
      taxPercent: plan.taxPercent,
      comment: null,
    };
  });
}
