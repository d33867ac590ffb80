import type { SyncContext } from '../sync-context.js';

import { LIST_CUSTOMER_IDS_QUERY } from '../../centra/customers/customer-ids-query.js';

export { LIST_CUSTOMER_IDS_QUERY };

/**
 * Queues a customer job for every Centra customer (paged ids), so each is synced with its consent and
 * attributes by the customer handler; returns how many were queued. Jobs coalesce with any already waiting.
 */
export async function queueAllCustomers(ctx: SyncContext, pageSize: number, signal?: AbortSignal): Promise<number> {
  let queued = 0;
  for (let page = 1; !signal?.aborted; page++) {
    const res = await ctx.centra.request<{ customers: Array<{ id: number }> }>(LIST_CUSTOMER_IDS_QUERY, { limit: pageSize, page });
    const ids = res.data?.customers ?? [];
    await ctx.store.transaction(async (tx) => {
      for (const c of ids) await tx.jobs.enqueue('customer', String(c.id), ctx.now());
    });
    queued += ids.length;
    if (ids.length < pageSize) break;
  }
  return queued;
}
