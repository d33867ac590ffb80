import type { RateLimitRow } from '../http/rate-limiter.js';
import { findReturns, findShipments, type ReturnWhere, type ShipmentWhere } from './after-sale-search.js';
import { findDisplays, findProducts, type DisplayWhere, type ProductWhere } from './catalogue-search.js';
import type { SimContext } from './context.js';
import { findCustomers, type CustomerWhere } from './customer-search.js';
import { findOrders, type OrderWhere } from './order-search.js';

type Where<W> = { where?: W | null };

interface Listener {
  objectType: string;
  changeTypes: string[];
}

const ALL_CHANGES = ['CREATED', 'UPDATED', 'DELETED', 'COMPLETED', 'DEPENDENT_DATA_CHANGED'];

/**
 * rateLimits, counters, and the events system. [INF] The events queue stays empty: the simulator
 * signals changes by webhook only; listeners are kept so a client's set-up round-trips.
 */
export function operationsRoot(rateLimits: () => RateLimitRow[]) {
  const listeners = new Map<string, Listener>();
  const payload = () => ({ eventListeners: [...listeners.values()], userErrors: [], userWarnings: [] });
  return {
    rateLimits,
    counters: (_args: unknown, ctx: SimContext) => ({
      orders: (a: Where<OrderWhere>) => findOrders(ctx.data, a.where).length,
      customers: (a: Where<CustomerWhere>) => findCustomers(ctx.data, a.where).length,
      products: (a: Where<ProductWhere>) => findProducts(ctx.data, a.where).length,
      shipments: (a: Where<ShipmentWhere>) => findShipments(ctx.data, a.where).length,
      returns: (a: Where<ReturnWhere>) => findReturns(ctx.data, a.where).length,
      displays: (a: Where<DisplayWhere>) => findDisplays(ctx.data, a.where).length,
    }),
    events: () => [],
    eventListeners: () => [...listeners.values()],
    setEventListeners: (args: { input: Array<{ objectType: string; changeTypes?: string[] | null }> }) => {
      for (const l of args.input) {
        const prev = listeners.get(l.objectType)?.changeTypes ?? [];
        listeners.set(l.objectType, { objectType: l.objectType, changeTypes: [...new Set([...prev, ...(l.changeTypes ?? ALL_CHANGES)])] });
      }
      return payload();
    },
    unsetEventListeners: (args: { input: Array<{ objectType: string }> }) => {
      for (const l of args.input) listeners.delete(l.objectType);
      return payload();
    },
    confirmEvents: () => ({ userErrors: [], userWarnings: [] }),
  };
}
