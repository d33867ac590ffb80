import type { CentraClient } from '../centra-client.js';
import { missingFromAnswer } from '../classify-centra-error.js';
import { centraTimeMs } from '../centra-time.js';
import { parseInto, SYNCED_STATUSES, type ProductPage } from './fetch-products.js';
import { RECENT_PRODUCTS_QUERY } from './product-query.js';

export interface RecentProductPage extends ProductPage {
  /** A row on this page was updated before `sinceMs`: every later page is older still, so the walk stops. */
  passedWatermark: boolean;
}

/**
 * One page of the incremental walk: products sorted by `updatedAt` newest first (RECENT_PRODUCTS_QUERY),
 * keeping those updated at or after `sinceMs` (epoch ms) whose status a full sync would read. Rows from the
 * first one older than `sinceMs` on are dropped and end the walk. A row whose `updatedAt` we cannot read
 * counts as changed and does not end the walk: sending it again costs a ledger lookup, skipping it loses it.
 */
export async function fetchRecentProductPage(client: CentraClient, page: number, limit: number, sinceMs: number): Promise<RecentProductPage> {
  const res = await client.request<{ products?: unknown[] | null }>(RECENT_PRODUCTS_QUERY, { limit, page });
  const rows = res.data?.products;
  if (!Array.isArray(rows)) throw missingFromAnswer('recent products page', res.errors);
  const out: RecentProductPage = { products: [], unreadable: [], rows: rows.length, passedWatermark: false };
  for (const row of rows) {
    const { updatedAt, status } = (row ?? {}) as { updatedAt?: unknown; status?: unknown };
    const updated = centraTimeMs(typeof updatedAt === 'string' ? updatedAt : undefined);
    if (updated !== undefined && updated < sinceMs) {
      out.passedWatermark = true;
      break;
    }
    // CANCELLED (or an unknown status) is read here only because the walk has no status filter; a full sync skips it.
    if (typeof status === 'string' && !SYNCED_STATUSES.includes(status)) continue;
    parseInto(row, out);
  }
  return out;
}
