/** The segmentation attributes, by their internal names; each is sent under SegmentationConfig.propertyNames. */
export const SEGMENT_KEYS = [
  'order_count',
  'net_ltv',
  'currency',
  'first_order_at',
  'last_order_at',
  'average_order_value',
  'return_rate',
  'full_price_share',
  'tier',
  'based_on_orders',
] as const;

export type SegmentKey = (typeof SEGMENT_KEYS)[number];

export type TierName = 'new' | 'returning' | 'vip';

/** SEGMENTATION_RULES (docs/customers.md). */
export interface SegmentationConfig {
  /** Contact property name each attribute is sent under. */
  propertyNames: Record<SegmentKey, string>;
  /** Tier label sent for each tier. */
  tierNames: Record<TierName, string>;
  /** VIP from this net lifetime value, per ISO-4217 currency, `*` for any other; none = no VIP by value. */
  vipNetLtv: Record<string, number>;
  /** VIP from this many valid orders. */
  vipOrders: number;
  /** Returning from this many valid orders (below it: new). */
  returningOrders: number;
}

export const DEFAULT_SEGMENTATION_CONFIG: SegmentationConfig = {
  propertyNames: Object.fromEntries(SEGMENT_KEYS.map((key) => [key, key])) as Record<SegmentKey, string>,
  tierNames: { new: 'new', returning: 'returning', vip: 'vip' },
  // No default amount: one number cannot fit every currency (1,000 is a lot of pounds and very few yen).
  vipNetLtv: {},
  vipOrders: 5,
  returningOrders: 2,
};
