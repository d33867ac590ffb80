/** Delivery to /collect: batching under the size caps, the request itself, and what a response means. */
import type { TrackerEvent } from '../shared/tracker-event-types.js';
import { MAX_BODY, MAX_EVENTS } from './wire-limits.js';

export const OK = 0;
export const RETRY = 1;
export const DROP = 2;
export type Outcome = typeof OK | typeof RETRY | typeof DROP;

/** 2xx delivered; 408, 429 and 5xx retried; any other status dropped (the batch will never be accepted). */
export const classify = (status: number): Outcome => (status > 199 && status < 300 ? OK : status == 408 || status == 429 || status > 499 ? RETRY : DROP);

/** Jittered exponential backoff after the nth failure in a row (n ≥ 1): 1 s, 2 s, 4 s … capped at 5 min, each scaled by a random 0.5–1. */
export const backoff = (failures: number): number => Math.min(3e5, 500 * 2 ** failures) * (0.5 + Math.random() / 2);

const encoder = /* @__PURE__ */ new TextEncoder();
/** Size of x as JSON, in UTF-8 bytes. */
const bytes = (x: unknown) => encoder.encode(JSON.stringify(x)).length;

/**
 * Takes events from the head of the queue into one request body: at most MAX_EVENTS, under MAX_BODY bytes.
 * Returns [body, sent events, events consumed from the queue]; an event too big to ever fit is consumed
 * (dropped) without being sent. body is '' when nothing is sendable.
 */
export const batch = (queue: TrackerEvent[], store: string, visitorId: string): [body: string, sent: TrackerEvent[], consumed: number] => {
  const sent: TrackerEvent[] = [];
  const body = { v: 1, store, visitorId, sentAt: new Date().toISOString(), events: sent };
  let size = bytes(body);
  let n = 0;
  for (const e of queue) {
    const b = bytes(e) + 1; // with its comma
    if (size + b > MAX_BODY || sent.length == MAX_EVENTS) {
      if (sent.length) break;
      // alone it is too big: it can never be sent, and is consumed unsent
    } else {
      sent.push(e);
      size += b;
    }
    n++;
  }
  return [sent.length ? JSON.stringify(body) : '', sent, n];
};

/**
 * POSTs one body as text/plain (a CORS simple request: no preflight) with fetch keepalive, so it survives the
 * page being closed. Without a usable fetch, or when fetch fails while the page is being hidden, it falls back
 * to navigator.sendBeacon (fire and forget: accepted counts as delivered). Calls back once with the outcome, and
 * the response when there was one; done must not throw (delivery guards it), so the promise never rejects.
 */
export const post = (url: string, body: string, leaving: boolean, done: (o: Outcome, r?: Response) => void): void => {
  const beacon = () => {
    try {
      return navigator.sendBeacon(url, body);
    } catch {
      // undefined: not accepted
    }
  };
  const fallback = () => done(leaving && beacon() ? OK : RETRY);
  try {
    void fetch(url, { method: 'POST', body, keepalive: true }).then((r) => done(classify(r.status), r), fallback);
  } catch {
    // fetch missing or refused synchronously
    done(beacon() ? OK : RETRY);
  }
};
