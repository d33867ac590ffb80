/**
 * The stored queue of events waiting for /collect. It lives in localStorage, so the tabs of a storefront share it
 * and it survives navigation; it is bounded, dropping the oldest first.
 */
import type { TrackerEvent } from '../shared/tracker-event-types.js';
import { QUEUE_KEY, type Store } from './storage.js';

/** Events kept in storage (or in memory before consent); the oldest are dropped. */
export const MAX_QUEUE = 200;

export type Queue = [read: () => TrackerEvent[], write: (q: TrackerEvent[]) => void];

export const storedQueue = ([get, set, del]: Store): Queue => [
  () => {
    try {
      // an absent queue (null) parses as null
      const q: unknown = JSON.parse(get(QUEUE_KEY)!);
      if (Array.isArray(q)) return q as TrackerEvent[];
    } catch {
      // not JSON: start afresh
    }
    return [];
  },
  (q) => (q.length ? set(QUEUE_KEY, JSON.stringify(q.slice(-MAX_QUEUE))) : del(QUEUE_KEY)),
];
