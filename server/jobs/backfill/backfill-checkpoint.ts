import type { KvStore } from '../../store/kv-store.js';
import type { Window } from './backfill-windows.js';

/** Where an order backfill stands; written after every settled batch so an interrupted run resumes there. */
export interface BackfillCheckpoint {
  since: string;
  windows: Window[];
  /** The next page to read in windows[windowIndex] (1-based). */
  windowIndex: number;
  page: number;
  /**
   * Orders per page, fixed for the whole run: pages are numbered, so a size that changed on resume (a new
   * complexity quota, docs/centra-setup.md) would skip or repeat orders. Absent in checkpoints of older versions.
   */
  pageSize?: number;
  processed: number;
  total: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}

const KEY = 'backfill:orders';

export const readCheckpoint = (kv: KvStore): Promise<BackfillCheckpoint | undefined> => kv.get<BackfillCheckpoint>(KEY);
export const writeCheckpoint = (kv: KvStore, checkpoint: BackfillCheckpoint): Promise<void> => kv.set(KEY, checkpoint);
