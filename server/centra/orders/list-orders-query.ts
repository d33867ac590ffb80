import { ORDER_FRAGMENTS } from './order-query.js';

/**
 * One page of full orders in a creation window, newest first: the backfill and reconciliation read whole
 * orders while listing, so each request brings CENTRA_BATCH_SIZE orders ready to map (no second fetch).
 */
export const LIST_ORDERS_QUERY = `query ListOrders($from: DateTimeTz!, $to: DateTimeTz!, $limit: Int!, $page: Int!) {
  orders(where: { createdAt: { from: $from, to: $to }, storeType: DIRECT_TO_CONSUMER }, sort: [createdAt_DESC], limit: $limit, page: $page) {
    ...OrderFields
  }
}
${ORDER_FRAGMENTS}`;

export const COUNT_ORDERS_QUERY = `query CountOrders($from: DateTimeTz!, $to: DateTimeTz!) {
  counters { orders(where: { createdAt: { from: $from, to: $to }, storeType: DIRECT_TO_CONSUMER }) }
}`;
