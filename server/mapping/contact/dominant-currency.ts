import type { OrderFacts } from './order-facts.js';

/**
 * [INF] Money attributes are in one currency: the one most of the contact's valid orders use; a tie goes to the
 * currency of the latest of them, then alphabetically. Orders in other currencies are left out of net_ltv and
 * average_order_value (not converted: we have no exchange rates), though they count everywhere else.
 */
export function dominantCurrency(valid: readonly OrderFacts[]): string | undefined {
  const stats = new Map<string, { count: number; latest: number }>();
  for (const fact of valid) {
    const s = stats.get(fact.currency) ?? { count: 0, latest: -Infinity };
    stats.set(fact.currency, { count: s.count + 1, latest: Math.max(s.latest, Date.parse(fact.orderDate)) });
  }
  return [...stats.entries()].sort(([ca, a], [cb, b]) => b.count - a.count || b.latest - a.latest || (ca < cb ? -1 : 1))[0]?.[0];
}
