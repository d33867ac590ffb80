import { z } from 'zod';
import type { CentraClient } from '../centra-client.js';
import { missingFromAnswer } from '../classify-centra-error.js';
import { CHANGED_DISPLAYS_QUERY, DISPLAY_ITEMS_QUERY } from './change-queries.js';

const DISPLAY_PAGE = 100;

const DisplayRows = z.array(z.object({ product: z.object({ id: z.number().int() }).nullish() }));
const ItemRows = z.array(
  z.object({
    id: z.number().int(),
    productVariant: z.object({ product: z.object({ id: z.number().int() }).nullish() }).nullish(),
  }),
);

/** Products whose displays changed since `since` (Centra DateTimeTz); counts its own requests. */
export async function productsOfChangedDisplays(client: CentraClient, since: string): Promise<{ ids: number[]; requests: number }> {
  const ids = new Set<number>();
  let requests = 0;
  for (let page = 1; ; page++) {
    const res = await client.request<{ displays?: unknown }>(CHANGED_DISPLAYS_QUERY, { from: since, limit: DISPLAY_PAGE, page });
    requests++;
    const rows = DisplayRows.safeParse(res.data?.displays);
    if (!rows.success) throw missingFromAnswer('displays page', res.errors, rows.error.issues[0]?.message);
    for (const row of rows.data) if (row.product) ids.add(row.product.id);
    if (rows.data.length < DISPLAY_PAGE) return { ids: [...ids].sort((a, b) => a - b), requests };
  }
}

/** Display item id → product id, for the items Centra still has (a deactivated item is gone). One request. */
export async function productsOfDisplayItems(client: CentraClient, itemIds: readonly number[]): Promise<Map<number, number>> {
  const res = await client.request<{ displayItems?: unknown }>(DISPLAY_ITEMS_QUERY, { ids: itemIds, limit: itemIds.length });
  const rows = ItemRows.safeParse(res.data?.displayItems);
  if (!rows.success) throw missingFromAnswer('display items', res.errors, rows.error.issues[0]?.message);
  const out = new Map<number, number>();
  for (const row of rows.data) if (row.productVariant?.product) out.set(row.id, row.productVariant.product.id);
  return out;
}
