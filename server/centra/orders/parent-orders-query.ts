export type AfterSaleKind = 'shipment' | 'return';

/** The alias prefix of a shipment's or a return's id in a by-id query. */
export const prefixOf = (kind: AfterSaleKind) => (kind === 'shipment' ? 's' : 'r');

/** Shipments and returns by id, many per request (aliases), asking only which order each belongs to. */
export function buildParentOrdersQuery(kind: AfterSaleKind, ids: readonly number[]): string {
  const root = kind === 'shipment' ? 'shipments' : 'returns';
  const fields = ids.map((id) => `  ${prefixOf(kind)}${id}: ${root}(where: { id: [${id}] }, limit: 1) { id order { number } }`);
  return `query ${kind === 'shipment' ? 'ShipmentOrders' : 'ReturnOrders'} {\n${fields.join('\n')}\n}`;
}
