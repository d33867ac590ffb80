import type { KvStore } from '../../store/kv-store.js';

/** kv key of the poll's checkpoint: where the next poll resumes. */
export const CHECKPOINT_KEY = 'newsletter:checkpoint';
/** kv key of the latest poll's progress, read by /status. */
export const PROGRESS_KEY = 'newsletter:progress';

/**
 * Where the newsletter poll stands (docs/customers.md, "Newsletter sign-ups"). Absent: nothing read yet, the next
 * poll reads everything.
 */
export interface NewsletterCheckpoint {
  /** The first full read, until it reaches the last page: the next page to read (1-based). */
  fullReadPage?: number;
  /** Epoch ms when the first full read began: its watermark once it ends. */
  fullReadStartedAt?: number;
  /** Epoch ms (our clock) of the start of the last poll that completed its new-sign-up pass; the next one asks
   * Centra for sign-ups created since this, less an overlap. */
  watermark?: number;
  /** The rolling sweep (deactivations): the next page of the unfiltered list to read (1-based). */
  sweepPage: number;
  /** Completed sweeps over the whole list. */
  sweeps: number;
}

export const readCheckpoint = (kv: KvStore) => kv.get<NewsletterCheckpoint>(CHECKPOINT_KEY);
export const writeCheckpoint = (kv: KvStore, checkpoint: NewsletterCheckpoint) => kv.set(CHECKPOINT_KEY, checkpoint);

export interface NewsletterCounts {
  /** Subscriptions read that can carry consent (not back-in-stock, isActive present). */
  subscriptions: number;
  /** Back-in-stock subscriptions read: never consent, never sent. */
  backInStock: number;
  /** Same as what Ometria last learned from that subscription: nothing sent. */
  unchanged: number;
  /** Contacts whose consent changed and were sent (or found identical in the ledger). */
  contactsSent: number;
  /** Changed subscriptions whose contact already held a newer or equal decision: nothing sent. */
  outranked: number;
  deadLettered: number;
  /** Rows without an id or email, with an unreadable shape, without `isActive`, or without the product fields that
   * tell a back-in-stock request apart. */
  unreadable: number;
}

export interface NewsletterProgress extends NewsletterCounts {
  /** full: the first read of every subscription; incremental: new sign-ups plus a sweep. */
  mode: 'full' | 'incremental';
  /** unavailable: this Centra's schema has no newsletterSubscriptions query (docs/centra-setup.md). */
  state: 'running' | 'done' | 'failed' | 'unavailable';
  /** Epoch ms, our clock. */
  startedAt: number;
  finishedAt?: number;
  /** Incremental polls: the Centra createdAt lower bound sent. */
  since?: string;
  pages: number;
  centraRequests: number;
  checkpoint?: NewsletterCheckpoint;
  error?: string;
}

export function emptyNewsletterProgress(mode: NewsletterProgress['mode'], startedAt: number, since?: string): NewsletterProgress {
  return {
    mode,
    state: 'running',
    startedAt,
    ...(since === undefined ? {} : { since }),
    pages: 0,
    centraRequests: 0,
    subscriptions: 0,
    backInStock: 0,
    unchanged: 0,
    contactsSent: 0,
    outranked: 0,
    deadLettered: 0,
    unreadable: 0,
  };
}
