/** What a 'product' job names (its keys: server/jobs/job-kinds.ts): a product, a display item or a collection. */
export type ProductEntity = { kind: 'product' | 'display-item' | 'collection'; id: number };

export function parseProductEntity(entityKey: string): ProductEntity | undefined {
  const m = /^(product|display-item|collection):(\d+)$/.exec(entityKey.trim());
  if (!m) return undefined;
  const id = Number(m[2]);
  return Number.isSafeInteger(id) ? { kind: m[1] as ProductEntity['kind'], id } : undefined;
}
