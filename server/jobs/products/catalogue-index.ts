import type { KvStore } from '../../store/kv-store.js';
import type { CentraProduct } from '../../centra/products/centra-product.js';

const displayItemKey = (id: number) => `catalogue:display-item:${id}`;
const collectionKey = (id: number) => `catalogue:collection:${id}`;

/**
 * What webhooks name → the products to refetch, learnt from every product we sync. Display items keep their
 * product after Centra removes them (deactivation), so the deactivation still reaches Ometria; collections have
 * no product filter in the Integration API. Stale entries only cost a refetch.
 */
export async function indexProducts(kv: KvStore, products: readonly CentraProduct[]): Promise<void> {
  const byCollection = new Map<number, number[]>();
  for (const p of products) {
    for (const d of p.displays) for (const item of d.displayItems) await kv.set(displayItemKey(item.id), p.id);
    if (p.collection) byCollection.set(p.collection.id, [...(byCollection.get(p.collection.id) ?? []), p.id]);
  }
  for (const [collection, ids] of byCollection) {
    const known = (await kv.get<number[]>(collectionKey(collection))) ?? [];
    const merged = [...new Set([...known, ...ids])].sort((a, b) => a - b);
    if (merged.length !== known.length) await kv.set(collectionKey(collection), merged);
  }
}

export const productOfDisplayItem = (kv: KvStore, id: number): Promise<number | undefined> => kv.get<number>(displayItemKey(id));

export const productsOfCollection = async (kv: KvStore, id: number): Promise<number[]> => (await kv.get<number[]>(collectionKey(id))) ?? [];
