import type { SimCustomer } from '../types/index.js';
import { AFTER_SALE_RESOLVERS } from './after-sale-resolvers.js';
import { CATALOGUE_RESOLVERS } from './catalogue-resolvers.js';
import type { SimContext } from './context.js';
import { ORDER_RESOLVERS } from './order-resolvers.js';

// Each entry is typed by its own record; the field resolver calls it with the parent it belongs to.
type Special = (source: never, args: never, ctx: SimContext) => unknown;

/** Fields that are not a plain stored property: arguments, computed values, reverse relations. */
export const TYPE_RESOLVERS: Record<string, Record<string, Special>> = {
  ...ORDER_RESOLVERS,
  ...AFTER_SALE_RESOLVERS,
  ...CATALOGUE_RESOLVERS,
  Customer: {
    totalOrders: (c: SimCustomer, _args: unknown, ctx: SimContext) =>
      c.totalOrders ?? ctx.data.orders.values().filter((o) => o.__typename === 'DirectToConsumerOrder' && o.customer?.id === c.id).length,
  },
};
