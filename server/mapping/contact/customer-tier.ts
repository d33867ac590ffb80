import type { SegmentationConfig, TierName } from '../../config/segmentation-config.js';

/**
 * VIP when net lifetime value reaches the currency's threshold (vipNetLtv[currency], else vipNetLtv['*']) or
 * the valid order count reaches vipOrders; returning from returningOrders; new below that, including no orders.
 */
export function customerTier(
  orderCount: number,
  netLtv: number,
  currency: string | undefined,
  config: Pick<SegmentationConfig, 'vipNetLtv' | 'vipOrders' | 'returningOrders'>,
): TierName {
  const threshold = currency === undefined ? undefined : (config.vipNetLtv[currency] ?? config.vipNetLtv['*']);
  if (orderCount >= config.vipOrders || (threshold !== undefined && orderCount > 0 && netLtv >= threshold)) return 'vip';
  return orderCount >= config.returningOrders ? 'returning' : 'new';
}
