import type { CentraClient } from '../centra-client.js';
import type { CentraFailure } from '../centra-failure.js';
import { fetchByAlias } from '../fetch-by-alias.js';

export type AfterSaleKind = 'shipment' | 'return';

/** The order a shipment or return belongs to; `order` undefined where Centra has no such one (deleted, not visible yet). */
export type ParentLookup = { status: 'found'; order: number | undefined } | CentraFailure;

const prefixOf = (kind: AfterSaleKind) => (kind === 'shipment' ? 's' : 'r');

/** Shipments and returns by id, many per request (aliases), asking only which order each belongs to. */
export function buildParentOrdersQuery(kind: AfterSaleKind, ids: readonly number[]): string {
  const root = kind === 'shipment' ? 'shipments' : 'returns';
  const fields = ids.map((id) => `  ${prefixOf(kind)}${id}: ${root}(where: { id: [${id}] }, limit: 1) { id order { number } }`);
  return `query ${kind === 'shipment' ? 'ShipmentOrders' : 'ReturnOrders'} {\n${fields.join('\n')}\n}`;
}

/** id → its order; one bad id fails only itself (fetch-by-alias.ts). */
export async function fetchParentOrders(client: CentraClient, kind: AfterSaleKind, ids: readonly number[]): Promise<Map<number, ParentLookup>> {
  const answers = await fetchByAlias(client, ids, { alias: (id) => `${prefixOf(kind)}${id}`, build: (part) => buildParentOrdersQuery(kind, part), noun: kind });
  const out = new Map<number, ParentLookup>();
  for (const id of ids) {
    const answer = answers.get(id) ?? { status: 'error', message: `no answer for this ${kind}` };
    if (answer.status !== 'data') {
      out.set(id, answer);
      continue;
    }
    const rows = answer.value as Array<{ order?: { number?: number } | null }> | null;
    out.set(id, { status: 'found', order: Array.isArray(rows) ? rows[0]?.order?.number ?? undefined : undefined });
  }
  return out;
}
