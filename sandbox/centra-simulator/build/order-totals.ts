import { round2, simMoney } from '../money.js';
import type { SimCurrency, SimMoney, SimOrderLine, SimOrderTotals } from '../types/index.js';

export interface TotalsInput {
  currency: string | SimCurrency;
  shipping?: number;
  handling?: number;
}

/**
 * Order totals consistent with the lines: grand total = Σ lineValue + shipping + handling, tax
 * included at each line's rate (shipping taxed at the first line's rate) [INF: prices include VAT
 * as in EU/UK DTC shops].
 */
export function orderTotals(lines: readonly SimOrderLine[], input: TotalsInput): { grandTotal: SimMoney; totals: SimOrderTotals } {
  const shipping = input.shipping ?? 0;
  const handling = input.handling ?? 0;
  const lineSum = lines.reduce((sum, l) => sum + l.lineValue.value, 0);
  const rate = (lines[0]?.taxPercent ?? 0) / 100;
  const lineTax = lines.reduce((sum, l) => sum + l.lineValue.value - l.lineValue.value / (1 + l.taxPercent / 100), 0);
  const tax = lineTax + (shipping + handling) - (shipping + handling) / (1 + rate);
  const m = (v: number) => simMoney(round2(v), input.currency);
  return {
    grandTotal: m(lineSum + shipping + handling),
    totals: {
      quantity: lines.reduce((sum, l) => sum + l.quantity, 0),
      shipping: m(shipping),
      handling: m(handling),
      taxAdded: m(0),
      taxDeducted: m(0),
      taxIncluded: m(tax),
    },
  };
}

/** A line's money fields from its prices: lineValue = unitPrice × quantity. */
export function linePrices(unitOriginalPrice: number, unitPrice: number, quantity: number, currency: string | SimCurrency) {
  const discountPercent = unitOriginalPrice > 0 ? round2((1 - unitPrice / unitOriginalPrice) * 100) : 0;
  return {
    unitOriginalPrice: simMoney(unitOriginalPrice, currency),
    unitPrice: simMoney(unitPrice, currency),
    lineValue: simMoney(unitPrice * quantity, currency),
    hasAnyDiscount: unitPrice < unitOriginalPrice,
    discountPercent,
  };
}
