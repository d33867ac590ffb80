import type { CentraClient } from '../centra-client.js';
import { CentraOrderSchema, type CentraOrder } from './centra-order.js';
import { fetchByAlias, type Fetched } from '../fetch-by-alias.js';
import { buildOrdersQuery } from './order-query.js';

export { buildOrdersQuery };

export type FetchedOrder = Fetched<{ order: CentraOrder }>;

/** One bad order number never fails its neighbours: see fetch-by-alias.ts. */
export function fetchOrders(
  client: CentraClient,
  numbers: readonly number[],
  onCost?: (orders: number, complexity: number | undefined) => void,
): Promise<Map<number, FetchedOrder>> {
  return fetchByAlias(client, numbers, { alias: (n) => `o${n}`, build: buildOrdersQuery, noun: 'order', read: readOrder, ...(onCost ? { onCost } : {}) });
}

/** `orders(where: {number}, limit: 1)` answers a list: empty when Centra has no such order (or holds it). */
function readOrder(rows: unknown): FetchedOrder {
  if (!Array.isArray(rows)) return { status: 'error', message: 'no data for this order in the response' };
  if (rows.length === 0) return { status: 'not_found' };
  const parsed = CentraOrderSchema.safeParse(rows[0]);
  return parsed.success
    ? { status: 'found', order: parsed.data }
    : { status: 'error', message: `unexpected order shape: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}` };
}
