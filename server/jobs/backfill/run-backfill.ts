import type { FetchedOrder } from '../../centra/orders/fetch-orders.js';
import type { SyncContext } from '../sync-context.js';
import { settleFetchedOrders } from '../orders/sync-orders.js';
import { readCheckpoint, writeCheckpoint, type BackfillCheckpoint } from './backfill-checkpoint.js';
import { backfillWindows } from './backfill-windows.js';
import { countOrders, listOrders } from '../../centra/orders/list-orders.js';

export interface BackfillOptions {
  /** Oldest order creation time to import, ms. */
  since: number;
  onProgress?: (checkpoint: BackfillCheckpoint) => void;
  /** Aborting stops after the batch in hand, checkpoint written. */
  signal?: AbortSignal;
}

/** Orders pushed together: one full Ometria push of orders, while the next pages are being read. */
const SETTLE_BATCH = 100;

/**
 * Imports order history through the same mapping, push and ledger as webhooks (so a second run pushes
 * nothing new), newest first, paged at CENTRA_BATCH_SIZE full orders per request. Reading the next pages
 * overlaps pushing the previous batch, so Centra's rate limit is the bound. Resumes from its checkpoint.
 */
export async function runBackfill(ctx: SyncContext, options: BackfillOptions): Promise<BackfillCheckpoint> {
  const since = new Date(options.since).toISOString();
  const previous = await readCheckpoint(ctx.store.kv);
  let cp: BackfillCheckpoint =
    previous && !previous.finishedAt && previous.since === since
      ? previous
      : {
          since,
          windows: backfillWindows(ctx.now(), options.since),
          windowIndex: 0,
          page: 1,
          pageSize: ctx.centraBatchSize,
          processed: 0,
          total: 0,
          startedAt: new Date(ctx.now()).toISOString(),
          updatedAt: new Date(ctx.now()).toISOString(),
        };
  if (cp.total === 0) {
    for (const w of cp.windows) cp.total += await countOrders(ctx.centra, w);
  }
  const save = async (next: BackfillCheckpoint) => {
    cp = { ...next, updatedAt: new Date(ctx.now()).toISOString() };
    await writeCheckpoint(ctx.store.kv, cp);
    options.onProgress?.(cp);
  };
  await save(cp);

  let buffer = new Map<number, FetchedOrder>();
  let settling: Promise<void> = Promise.resolve();
  const flush = async (resumeAt: { windowIndex: number; page: number }) => {
    const batch = buffer;
    buffer = new Map();
    await settling;
    settling = settle(ctx, batch).then(() => save({ ...cp, ...resumeAt, processed: cp.processed + batch.size }));
  };

  const pageSize = cp.pageSize ?? ctx.centraBatchSize;
  for (let w = cp.windowIndex; w < cp.windows.length && !options.signal?.aborted; w++) {
    for (let page = w === cp.windowIndex ? cp.page : 1; !options.signal?.aborted; page++) {
      const result = await listOrders(ctx.centra, cp.windows[w]!, page, pageSize);
      ctx.orderBatch.observe(result.rows, result.complexity);
      for (const [n, f] of result.orders) buffer.set(n, f);
      const windowDone = result.rows < pageSize;
      const next = windowDone ? { windowIndex: w + 1, page: 1 } : { windowIndex: w, page: page + 1 };
      if (buffer.size >= SETTLE_BATCH || windowDone) await flush(next);
      if (windowDone) break;
    }
  }
  await settling;
  if (!options.signal?.aborted && cp.windowIndex >= cp.windows.length) await save({ ...cp, finishedAt: new Date(ctx.now()).toISOString() });
  return cp;
}

async function settle(ctx: SyncContext, batch: Map<number, FetchedOrder>): Promise<void> {
  if (batch.size === 0) return;
  const jobs = await ctx.store.jobs.claimNow('order', [...batch.keys()].map(String), ctx.now());
  await settleFetchedOrders(ctx, jobs, batch);
}
