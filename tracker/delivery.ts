/**
 * Delivery of the stored queue to /collect, shared by the storefront's tabs. A tab sends only while it holds a short
 * lock (`centraOmetria:v1:lock` = "<tab id> <expiry ms>") and claims what it sends by removing it from the queue
 * before the request; a retryable failure puts the events back at the head of the queue. All requests use fetch
 * keepalive, so one in flight survives navigation; leaving the page (pagehide, hidden) sends everything at once.
 * Event ids are unique UUIDs: the server deduplicates on them, which covers the remaining cross-tab race
 * (localStorage has no atomic read-modify-write).
 *
 * A call only appends its event to memory: reading, parsing and rewriting the stored queue (up to MAX_QUEUE events,
 * ~40 KB) on every call cost up to ~3 ms of the storefront's main thread per call (bench/tracker-bench.ts). The events reach storage in one
 * write when the browser is idle, and synchronously before anything reads the queue (a flush, leaving the page, the
 * tracker's destroy), so a page that is left or hidden still takes them along.
 */
import type { TrackerEvent } from '../shared/tracker-event-types.js';
import type { Debug } from './debug.js';
import type { Guard } from './guard.js';
import type { Queue } from './queue.js';
import { backoff, batch, post, RETRY, type Outcome } from './send.js';
import { LOCK_KEY, type Store } from './storage.js';
import { uuid } from './uuid.js';

/** Events are batched for this long before a request, ms. */
export const FLUSH_MS = 1000;
/** A tab's send lock expires after this long (a tab that died while sending), ms. */
export const LOCK_MS = 10000;

export type Delivery = [
  /** Stores the event (in memory until idle) and schedules a request. */
  enqueue: (e: TrackerEvent) => void,
  /** Drops this tab's events not yet stored, and its send lock (consent withdrawn). */
  drop: () => void,
  stop: () => void,
];

export const delivery = (
  endpoint: string,
  store: string,
  [get, set, del]: Store,
  [read, write]: Queue,
  visitorId: () => string,
  granted: () => boolean,
  guard: Guard,
  [, warn, reply]: Debug,
): Delivery => {
  const tab = uuid();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let busy = false;
  let unstored: TrackerEvent[] = [];
  /** Appends the events kept in memory to the stored queue, in one write. */
  const persist = () => {
    unstored.length && write(read().concat(unstored.splice(0)));
  };

  const lock = () => (get(LOCK_KEY) || '').split(' ');
  const unlock = () => lock()[0] == tab && del(LOCK_KEY);
  const schedule = (ms: number) => {
    // setTimeout passes no arguments: flush(undefined), not leaving
    timer ||= setTimeout(guard(flush), ms);
  };

  /** The outcome callback for a request of these events. */
  const settle = (sent: TrackerEvent[]) =>
    guard((o: Outcome, r?: Response) => {
      busy = false;
      unlock();
      if (o == RETRY) {
        // back at the head of the queue, where the bound drops the oldest first
        if (granted()) write(sent.concat(read()));
        const ms = backoff(++failures);
        schedule(ms);
        warn('not delivered:', r ? r.status : 'network error', '- retry in ms', ms | 0);
      } else {
        failures = 0;
        read().length && schedule(0);
      }
      r && reply(r);
    });

  /** Sends from the queue. Normally one request at a time; when the page is being left, everything at once. */
  const flush = (leaving?: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    persist();
    if (!granted() || (busy && !leaving)) return;
    const [owner, until] = lock();
    if (owner && owner != tab && +until! > Date.now()) {
      // another tab is sending; it drains the shared queue, ours included
      schedule(LOCK_MS);
      return;
    }
    let q = read();
    if (!q.length) return;
    set(LOCK_KEY, tab + ' ' + (Date.now() + LOCK_MS));
    let body: string;
    do {
      const [b, sent, n] = batch(q, store, visitorId());
      n > sent.length && warn('dropped, too big:', n - sent.length);
      q = q.slice(n);
      write(q); // claimed: no other tab sends these
      if ((body = b)) {
        busy = !leaving;
        post(endpoint, b, !!leaving, settle(sent));
      }
    } while ((leaving || !body) && q.length);
    if (!body) unlock();
  };

  const leave = guard(() => {
    flush(true);
    unlock();
  });
  addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && leave());

  schedule(FLUSH_MS); // what earlier pages left in the queue
  return [
    (e) => {
      // the first event kept in memory books the idle write; later ones share it
      unstored.push(e) < 2 && (window.requestIdleCallback || setTimeout)(guard(persist));
      schedule(FLUSH_MS);
    },
    () => {
      unstored = [];
      unlock();
    },
    () => {
      persist();
      clearTimeout(timer);
    },
  ];
};
