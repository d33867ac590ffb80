import type { CentraClient } from '../centra-client.js';
import type { CentraFailure } from '../centra-failure.js';
import { CentraOrderSchema, type CentraOrder } from './centra-order.js';
import { fetchByAlias } from '../fetch-by-alias.js';
import { ORDER_FRAGMENTS } from './order-query.js';

export type FetchedOrder =
  | { status: 'found'; order: CentraOrder }
  | { status: 'not_found' }
  | CentraFailure;

/**
 * Many orders in one request, one alias each (docs/design.md D12): `o14: orders(where: {number: 14}, limit: 1)`.
 * Valid whether or not Centra's filter takes a list. Held orders are hidden by Centra, so they read as not found.
 */
export function buildOrdersQuery(numbers: readonly number[]): string {
  const fields = numbers.map((n) => `  o${n}: orders(where: { number: ${n} }, limit: 1) { ...OrderFields }`);
  return `query OrdersByNumber {\n${fields.join('\n')}\n}\n${ORDER_FRAGMENTS}`;
}

/** One bad order number never fails its neighbours: see fetch-by-alias.ts. */
export async function fetchOrders(
  client: CentraClient,
  numbers: readonly number[],
  onCost?: (orders: number, complexity: number | undefined) => void,
): Promise<Map<number, FetchedOrder>> {
  const answers = await fetchByAlias(client, numbers, { alias: (n) => `o${n}`, build: buildOrdersQuery, noun: 'order', ...(onCost ? { onCost } : {}) });
  const out = new Map<number, FetchedOrder>();
  for (const n of numbers) {
    const answer = answers.get(n) ?? { status: 'error', message: 'no answer for this order' };
    if (answer.status !== 'data') {
      out.set(n, answer);
      continue;
    }
    const rows = answer.value;
    if (!Array.isArray(rows)) {
      out.set(n, { status: 'error', message: 'no data for this order in the response' });
      continue;
    }
    if (rows.length === 0) {
      out.set(n, { status: 'not_found' });
      continue;
    }
    const parsed = CentraOrderSchema.safeParse(rows[0]);
    out.set(
      n,
      parsed.success
        ? { status: 'found', order: parsed.data }
        : { status: 'error', message: `unexpected order shape: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}` },
    );
  }
  return out;
}
