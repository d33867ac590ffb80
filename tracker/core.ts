/**
 * The storefront tracker (issue 6; docs/design.md D28–D31). One closure per page, no classes: the bundle stays small.
 *
 * Flow: public call → event (uuid, time, page URL, normalised data) → held in memory until consent when consent
 * is required → Ometria tag bridge + bounded localStorage queue → batched POST to /collect.
 *
 * Delivery and tabs: the queue in localStorage is shared by the tabs of a storefront. A tab sends only while it
 * holds a short lock (`centraOmetria:v1:lock` = "<tab id> <expiry ms>") and claims what it sends by removing it
 * from the queue before the request; a retryable failure puts the events back at the head of the queue. All
 * requests use fetch keepalive, so one in flight survives navigation. Event ids are unique UUIDs: the server
 * deduplicates on them, which covers the remaining cross-tab race (localStorage has no atomic read-modify-write).
 */
import type { TrackerEvent, TrackerEventType } from '../shared/tracker-event-types.js';
import { BUILDERS } from './events.js';
import { ometriaBridge } from './ometria.js';
import { backoff, batch, post, RETRY, type Outcome } from './send.js';
import type { CentraOmetria, MethodName, TrackerConfig } from './types.js';
import {
  CONSENT_KEY,
  LOCK_KEY,
  MAX_QUEUE,
  MAX_STRING,
  QUEUE_KEY,
  storage,
  uuid,
  VISITOR_KEY,
} from './util.js';

/** Events are batched for this long before a request. */
export const FLUSH_MS = 1000;
/** A tab's send lock expires after this long (a tab that died while sending). */
export const LOCK_MS = 10000;
/** Declarative capture runs at most this often. */
export const CAPTURE_MS = 50;

const PRODUCT_ATTR = 'product-sku';
const COLLECTION_ATTR = 'collection-id';

// Under tracker/tsconfig.json (DOM only) setTimeout returns number and `| 0` is redundant; under the root
// tsconfig.json (Node types too) it returns a Timeout object, and 0 is the tracker's "no timer".
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
type Timer = ReturnType<typeof setTimeout> | 0;

export const createTracker = (cfg: TrackerConfig): CentraOmetria => {
  const [get, set, del] = storage();
  const tab = uuid();
  const { endpoint, store } = cfg;
  const stored = get(CONSENT_KEY);
  let granted = stored == '1' || (!cfg.requireConsent && stored != '0');
  let held: TrackerEvent[] = [];
  let vid = '';
  let timer: Timer = 0;
  let captureTimer: Timer = 0;
  let failures = 0;
  let busy = false;
  let dead = false;
  let path = location.pathname;
  let seen: Record<string, 1> = {};
  const [bridge, newPage] = ometriaBridge(store);

  /** Every listener, timer and entry point goes through this: nothing throws into the page. */
  const guard =
    <A extends unknown[]>(f: (...a: A) => unknown) =>
    (...a: A): void => {
      if (!dead)
        try {
          f(...a);
        } catch {
          // swallowed on purpose
        }
    };

  // ---- queue ----
  const read = (): TrackerEvent[] => {
    try {
      const q: unknown = JSON.parse(get(QUEUE_KEY) || '[]');
      return Array.isArray(q) ? (q as TrackerEvent[]) : [];
    } catch {
      return [];
    }
  };
  const write = (q: TrackerEvent[]) => (q.length ? set(QUEUE_KEY, JSON.stringify(q.slice(-MAX_QUEUE))) : del(QUEUE_KEY));

  const visitor = () => {
    if (!vid) {
      const v = get(VISITOR_KEY);
      set(VISITOR_KEY, (vid = v && /^[0-9a-f-]{36}$/.test(v) ? v : uuid()));
    }
    return vid;
  };

  // ---- delivery ----
  const lock = () => (get(LOCK_KEY) || '').split(' ');
  const unlock = () => lock()[0] == tab && del(LOCK_KEY);
  const schedule = (ms: number) => {
    timer ||= setTimeout(
      guard(() => flush()),
      ms,
    );
  };

  const settle = (o: Outcome, sent: TrackerEvent[]) => {
    busy = false;
    unlock();
    if (o == RETRY) {
      // back at the head of the queue, where the bound drops the oldest first
      if (granted) write(sent.concat(read()));
      schedule(backoff(++failures));
    } else {
      failures = 0;
      read().length && schedule(0);
    }
  };

  /** Sends from the queue. Normally one request at a time; when the page is being left, everything at once. */
  const flush = (leaving?: boolean) => {
    clearTimeout(timer);
    timer = 0;
    if (!granted || !endpoint || (busy && !leaving)) return;
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
      const [b, sent, n] = batch(q, store, visitor());
      q = q.slice(n);
      write(q); // claimed: no other tab sends these
      if ((body = b)) {
        busy = !leaving;
        post(endpoint, b, !!leaving, guard((o: Outcome) => settle(o, sent)));
      }
    } while ((leaving || !body) && q.length);
    if (!body) unlock();
  };

  const leave = () => {
    flush(true);
    unlock();
  };

  // ---- events ----
  const emit = (e: TrackerEvent) => {
    bridge(e);
    if (endpoint) {
      write(read().concat(e));
      schedule(FLUSH_MS);
    }
  };

  const track = (type: TrackerEventType, data: TrackerEvent['data']) => {
    const e = {
      id: uuid().replace(/-/g, ''),
      type,
      at: new Date().toISOString(),
      url: location.href.slice(0, MAX_STRING),
      data,
    } as TrackerEvent;
    if (granted) emit(e);
    else if (held.push(e) > MAX_QUEUE) held.shift();
  };

  const methods = Object.create(null) as Record<string, (x?: unknown) => void>;
  methods.consent = (g) => {
    if (g === true || g === 'true') {
      set(CONSENT_KEY, '1');
      granted = true;
      held.splice(0).forEach(emit);
    } else {
      granted = false;
      held = [];
      vid = '';
      del(QUEUE_KEY);
      del(VISITOR_KEY);
      unlock();
      set(CONSENT_KEY, '0');
    }
  };
  for (const m in BUILDERS) {
    const [type, build] = BUILDERS[m as keyof typeof BUILDERS];
    methods[m] = (x) => {
      const d = build((x && typeof x == 'object' ? x : {}) as Record<string, unknown>);
      d && track(type, d);
    };
  }
  const names = Object.keys(methods) as MethodName[];

  const call = guard((m: unknown, ...a: unknown[]) => methods[m as string]?.(...a));

  // ---- declarative capture (docs/design.md D30) and SPA navigation ----
  const find = (name: string) => document.querySelector(`[data-ometria-${name}]`);
  const attr = (el: Element | null, name: string) => el && el.getAttribute('data-ometria-' + name);
  const once = (k: string) => !seen[k] && (seen[k] = 1);

  const capture = () => {
    captureTimer = 0;
    const p = attr(find(PRODUCT_ATTR), PRODUCT_ATTR);
    const el = find(COLLECTION_ATTR);
    const c = attr(el, COLLECTION_ATTR);
    if (p && once('p' + p)) methods.productView!({ sku: p });
    if (c && once('c' + c)) methods.collectionView!({ collectionId: c, name: attr(el, 'collection-name') });
  };
  const later = () => {
    captureTimer ||= setTimeout(guard(capture), CAPTURE_MS);
  };
  /** A new path is a new page: capture again and give the Ometria tag a fresh init. */
  const nav = guard(() => {
    if (location.pathname != path) {
      path = location.pathname;
      seen = {};
      newPage();
    }
    later();
  });

  const api = ((m: unknown, ...a: unknown[]) => call(m, ...a)) as CentraOmetria;
  for (const m of names) {
    (api as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => call(m, ...a);
    document.addEventListener(
      'ometria:' + m.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()),
      (e) => call(m, (e as CustomEvent).detail),
    );
  }
  api.l = 1;
  api.q = { push: (a) => call(...(Array.from(a) as [unknown])) };

  for (const k of ['pushState', 'replaceState'] as const) {
    // Called with apply(this) below, so it keeps the History it belongs to.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const orig = history[k];
    history[k] = function (this: History, ...a: Parameters<History['pushState']>) {
      const r = orig.apply(this, a);
      nav();
      return r;
    };
  }
  addEventListener('popstate', nav);
  addEventListener('pagehide', guard(leave));
  document.addEventListener(
    'visibilitychange',
    guard(() => document.visibilityState == 'hidden' && leave()),
  );
  document.addEventListener('DOMContentLoaded', nav);
  let mo: MutationObserver | undefined;
  try {
    mo = new MutationObserver(nav);
    mo.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-ometria-' + PRODUCT_ATTR, 'data-ometria-' + COLLECTION_ATTR],
    });
  } catch {
    // no MutationObserver: capture runs on load and on navigation only
  }

  api.destroy = () => {
    dead = true;
    mo && mo.disconnect();
    clearTimeout(timer);
    clearTimeout(captureTimer);
  };

  later();
  schedule(FLUSH_MS); // what earlier pages left in the queue
  return api;
};

/**
 * Puts the tracker on window.centraOmetria and replays, in order, the calls the snippet's stub queued before the
 * script loaded (docs/design.md D28). Loading the script twice keeps the first tracker.
 */
export const install = (cfg: TrackerConfig): CentraOmetria => {
  const w = window as unknown as { centraOmetria?: { l?: 1; q?: ArrayLike<unknown>[] } | CentraOmetria };
  const old = w.centraOmetria;
  if (old && old.l) return old as CentraOmetria;
  const api = createTracker(cfg);
  w.centraOmetria = api;
  for (const a of (old && old.q) || []) api.q.push(a);
  return api;
};
