import type { CentraClient } from './centra-client.js';

export type AfterSaleKind = 'shipment' | 'return';

/** Shipments and returns by id, many per request (aliases), asking only which order each belongs to. */
export function buildParentOrdersQuery(kind: AfterSaleKind, ids: readonly number[]): string {
  const root = kind === 'shipment' ? 'shipments' : 'returns';
  const prefix = kind === 'shipment' ? 's' : 'r';
  const fields = ids.map((id) => `  ${prefix}${id}: ${root}(where: { id: [${id}] }, limit: 1) { id order { number } }`);
  return `query ${kind === 'shipment' ? 'ShipmentOrders' : 'ReturnOrders'} {\n${fields.join('\n')}\n}`;
}

/** id → order number, or undefined where Centra has no such shipment/return (deleted, or not visible yet). */
export async function fetchParentOrders(client: CentraClient, kind: AfterSaleKind, ids: readonly number[]): Promise<Map<number, number | undefined>> {
  const prefix = kind === 'shipment' ? 's' : 'r';
  const result = await client.request<Record<string, Array<{ id: number; order: { number: number } | null }> | null>>(buildParentOrdersQuery(kind, ids));
  const out = new Map<number, number | undefined>();
  for (const id of ids) {
    const failed = result.errors.find((e) => e.path?.[0] === `${prefix}${id}`);
    if (failed) throw new Error(`Centra could not read ${kind} ${id}: ${failed.message}`);
    out.set(id, result.data?.[`${prefix}${id}`]?.[0]?.order?.number ?? undefined);
  }
  return out;
}
