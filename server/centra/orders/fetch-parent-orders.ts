import type { CentraClient } from '../centra-client.js';
import { fetchByAlias, type Fetched } from '../fetch-by-alias.js';
import { buildParentOrdersQuery, prefixOf, type AfterSaleKind } from './parent-orders-query.js';

export { buildParentOrdersQuery, type AfterSaleKind };

/**
 * The order a shipment or return belongs to; `order` undefined where Centra has no such shipment or return (deleted,
 * not visible yet): the caller falls back on the order it was last seen on, so there is no `not_found`.
 */
export type ParentLookup = Exclude<Fetched<{ order: number | undefined }>, { status: 'not_found' }>;

/** id → its order; one bad id fails only itself (fetch-by-alias.ts). */
export function fetchParentOrders(client: CentraClient, kind: AfterSaleKind, ids: readonly number[]): Promise<Map<number, ParentLookup>> {
  return fetchByAlias(client, ids, {
    alias: (id) => `${prefixOf(kind)}${id}`,
    build: (part) => buildParentOrdersQuery(kind, part),
    noun: kind,
    read: readParent,
  });
}

function readParent(rows: unknown): ParentLookup {
  const first = Array.isArray(rows) ? (rows[0] as { order?: { number?: number } | null } | undefined) : undefined;
  return { status: 'found', order: first?.order?.number ?? undefined };
}
