import type { ProductPushCounts } from './push-products.js';

/** kv key of the latest catalogue run's progress, read by the dashboard. */
export const PROGRESS_KEY = 'catalogue:progress';
/** kv key of the epoch ms up to which Centra's changes are known to be synced. */
export const WATERMARK_KEY = 'catalogue:watermark';

export interface CatalogueProgress extends ProductPushCounts {
  mode: 'full' | 'incremental';
  state: 'running' | 'done' | 'failed';
  /** Epoch ms, our clock. */
  startedAt: number;
  finishedAt?: number;
  /** Incremental runs: Centra `updatedAt` lower bound sent. */
  since?: string;
  pages: number;
  products: number;
  /** Products Centra returned in a shape we cannot read (alerted, not sent). */
  unreadable: number;
  centraRequests: number;
  error?: string;
}

export function emptyProgress(mode: CatalogueProgress['mode'], startedAt: number, since?: string): CatalogueProgress {
  return {
    mode,
    state: 'running',
    startedAt,
    ...(since === undefined ? {} : { since }),
    pages: 0,
    products: 0,
    unreadable: 0,
    centraRequests: 0,
    records: 0,
    pushed: 0,
    skippedUnchanged: 0,
    deadLettered: 0,
    collisions: 0,
    notSendable: 0,
  };
}

/** The run's totals so far: records mapped are counted at once, pushed ones when their 100-record call is sent. */
export function setCounts(progress: CatalogueProgress, counts: ProductPushCounts): void {
  for (const key of ['records', 'pushed', 'skippedUnchanged', 'deadLettered', 'collisions', 'notSendable'] as const) progress[key] = counts[key];
}
