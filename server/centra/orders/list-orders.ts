import type { CentraClient } from '../centra-client.js';
import { missingFromAnswer } from '../classify-centra-error.js';
import { CentraOrderSchema } from './centra-order.js';
import type { FetchedOrder } from './fetch-orders.js';
import type { Window } from '../../jobs/backfill/backfill-windows.js';
import { COUNT_ORDERS_QUERY, LIST_ORDERS_QUERY } from './list-orders-query.js';

export interface OrderPage {
  /** Order number → the order, or why it could not be read. */
  orders: Map<number, FetchedOrder>;
  /** Rows Centra returned; fewer than the limit means the window is done. */
  rows: number;
  /** Centra's complexity cost of the page, when it says. */
  complexity?: number;
}

export async function listOrders(client: CentraClient, window: Window, page: number, limit: number): Promise<OrderPage> {
  const res = await client.request<{ orders: unknown[] }>(LIST_ORDERS_QUERY, { ...window, page, limit });
  if (!res.data) throw missingFromAnswer('orders page', res.errors);
  const orders = new Map<number, FetchedOrder>();
  for (const row of res.data.orders) {
    const parsed = CentraOrderSchema.safeParse(row);
    const number = (row as { number?: number }).number;
    if (parsed.success) orders.set(parsed.data.number, { status: 'found', order: parsed.data });
    else if (typeof number === 'number') orders.set(number, { status: 'error', message: `unexpected order shape: ${parsed.error.issues[0]?.message}` });
  }
  return { orders, rows: res.data.orders.length, ...(res.complexity === undefined ? {} : { complexity: res.complexity }) };
}

export async function countOrders(client: CentraClient, window: Window): Promise<number> {
  const res = await client.request<{ counters: { orders: number } }>(COUNT_ORDERS_QUERY, { ...window });
  return res.data?.counters.orders ?? 0;
}
