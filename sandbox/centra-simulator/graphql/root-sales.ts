import { listReturns, listShipments, type ReturnWhere, type ShipmentWhere } from './after-sale-search.js';
import { connection, type ConnectionArgs } from './connection.js';
import type { SimContext } from './context.js';
import { listCustomers, type CustomerWhere } from './customer-search.js';
import type { ListArgs } from './list-args.js';
import { listNewsletterSubscriptions, type NewsletterWhere } from './newsletter-search.js';
import { findOrders, listOrders, orderSortGetters, type OrderWhere } from './order-search.js';
import { sortBy } from './list-args.js';

/** Root fields for orders, customers, shipments and returns. */
export const salesRoot = {
  orders: (args: ListArgs<OrderWhere>, ctx: SimContext) => listOrders(ctx.data, args, ctx.defaultLimit),
  order: (args: { id: string }, ctx: SimContext) => {
    const order = ctx.data.orders.getById(args.id);
    return order && !order.isOnHold ? order : null;
  },
  orderConnection: (args: ConnectionArgs & { where?: OrderWhere | null; sort?: string[] | null }, ctx: SimContext) =>
    connection(sortBy(findOrders(ctx.data, args.where), args.sort, orderSortGetters(ctx.data.utcOffsetMinutes), ['number_ASC']), args),
  customers: (args: ListArgs<CustomerWhere>, ctx: SimContext) => listCustomers(ctx.data, args, ctx.defaultLimit),
  customer: (args: { id: number }, ctx: SimContext) => ctx.data.customers.get(args.id) ?? null,
  shipments: (args: ListArgs<ShipmentWhere>, ctx: SimContext) => listShipments(ctx.data, args, ctx.defaultLimit),
  shipment: (args: { id: number }, ctx: SimContext) => ctx.data.shipments.get(args.id) ?? null,
  returns: (args: ListArgs<ReturnWhere>, ctx: SimContext) => listReturns(ctx.data, args, ctx.defaultLimit),
  newsletterSubscriptions: (args: ListArgs<NewsletterWhere>, ctx: SimContext) => listNewsletterSubscriptions(ctx.data, args, ctx.defaultLimit),
};
