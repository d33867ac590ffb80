import type { CentraClient } from '../centra-client.js';
import { fetchByAlias, type Fetched } from '../fetch-by-alias.js';

export type AfterSaleKind = 'shipment' | 'return';

/**
 * The order a shipment or return belongs to; `order` undefined where Centra has no such shipment or return (deleted,
 * not visible yet): the caller falls back on the order it was last seen on, so there is no `not_found`.
 */
export type ParentLookup = Exclude<Fetched<{ order: number | undefined }>, { status: 'not_found' }>;

const prefixOf = (kind: AfterSaleKind) => (kind === 'shipment' ? 's' : 'r');

/** Shipments and returns by id, many per request (aliases), asking only which order each belongs to. */
export function buildParentOrdersQuery(kind: AfterSaleKind, ids: readonly number[]): string {
  const root = kind === 'shipment' ? 'shipments' : 'returns';
  const fields = ids.map((id) => `  ${prefixOf(kind)}${id}: ${root}(where: { id: [${id}] }, limit: 1) { id order { number } }`);
  return `query ${kind === 'shipment' ? 'ShipmentOrders' : 'ReturnOrders'} {\n${fields.join('\n')}\n}`;
}

/** id → its order; one bad id fails only itself (fetch-by-alias.ts). */
export function fetchParentOrders(client: CentraClient, kind: AfterSaleKind, ids: readonly number[]): Promise<Map<number, ParentLookup>> {
  return fetchByAlias(client, ids, { alias: (id) => `${prefixOf(kind)}${id}`, build: (part) => buildParentOrdersQuery(kind, part), noun: kind, read: readParent });
}

function readParent(rows: unknown): ParentLookup {
  const first = Array.isArray(rows) ? (rows[0] as { order?: { number?: number } | null } | undefined) : undefined;
  return { status: 'found', order: first?.order?.number ?? undefined };
}
