import { roundMoney } from '../common/money.js';
import { customerTier } from './customer-tier.js';
import { dominantCurrency } from './dominant-currency.js';
import type { OrderFacts } from './order-facts.js';
import type { SegmentationConfig, SegmentKey } from '../../config/segmentation-config.js';

/** Contact properties by their configured names. null = not applicable yet (no valid order, no items). */
export type SegmentationAttributes = Record<string, string | number | null>;

/** Ratios are rounded to 4 decimals so a record does not change with float noise. */
const RATIO_DIGITS = 4;

/**
 * Pure. Segmentation attributes from every order the store has seen for one contact (docs/customers.md).
 * Cancelled orders count only in based_on_orders. No value depends on the clock (docs/design.md D9), so a
 * contact's record only changes when its orders do. Every attribute is always present (null when it does not
 * apply) so a stale value is overwritten however Ometria merges `properties` [INF].
 */
export function segmentationAttributes(facts: readonly OrderFacts[], config: SegmentationConfig): SegmentationAttributes {
  const valid = facts.filter((f) => f.isValid);
  const currency = dominantCurrency(valid);
  const inCurrency = valid.filter((f) => f.currency === currency);
  const netLtv =
    currency === undefined
      ? 0
      : roundMoney(
          inCurrency.reduce((s, f) => s + f.netValue, 0),
          currency,
        );
  const items = valid.reduce((s, f) => s + f.items, 0);
  const dates = valid.map((f) => f.orderDate).sort((a, b) => Date.parse(a) - Date.parse(b));
  const values: Record<SegmentKey, string | number | null> = {
    order_count: valid.length,
    net_ltv: netLtv,
    currency: currency ?? null,
    first_order_at: dates[0] ?? null,
    last_order_at: dates.at(-1) ?? null,
    average_order_value: currency === undefined ? null : roundMoney(netLtv / inCurrency.length, currency),
    return_rate: ratio(
      valid.reduce((s, f) => s + f.itemsReturned, 0),
      items,
    ),
    full_price_share: ratio(
      valid.reduce((s, f) => s + f.fullPriceItems, 0),
      items,
    ),
    tier: config.tierNames[customerTier(valid.length, netLtv, currency, config)],
    based_on_orders: facts.length,
  };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [config.propertyNames[key as SegmentKey], value]));
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Number((part / whole).toFixed(RATIO_DIGITS)) : null;
}
