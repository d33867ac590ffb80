/**
 * The storefront tracker (issue 6; docs/tracker.md), wired from its concerns. One closure per page, no classes:
 * the bundle stays small.
 *
 * Flow: public call → event (uuid, time, page URL, normalised data; events.ts) → held in memory until consent when
 * consent is required (consent.ts) → Ometria tag bridge (ometria.ts) + bounded stored queue (queue.ts) → batched
 * POST to /collect (delivery.ts, send.ts). Pages can also be marked up instead of scripted (capture.ts).
 */
import type { TrackerEvent } from '../shared/tracker-event-types.js';
import { capture } from './capture.js';
import { consentGate } from './consent.js';
import { debugConsole } from './debug.js';
import { delivery } from './delivery.js';
import { BUILDERS, separateWords } from './events.js';
import { guarded } from './guard.js';
import { ometriaBridge } from './ometria.js';
import { storedQueue } from './queue.js';
import { QUEUE_KEY, storage } from './storage.js';
import type { CentraOmetria, TrackerConfig } from './types.js';
import { uuid } from './uuid.js';
import { visitor } from './visitor.js';
import { MAX_STRING } from './wire-limits.js';

export const createTracker = (cfg: TrackerConfig): CentraOmetria => {
  const store = storage();
  const [guard, kill] = guarded();
  const debug = debugConsole(cfg.debug);
  const [info, warn] = debug;
  const [visitorId, forgetVisitor] = visitor(store);
  const [bridge, newPage] = ometriaBridge(cfg.store);
  const endpoint = cfg.endpoint;
  let enqueue = (e: TrackerEvent) => warn(e.type, 'not sent: no data-endpoint');
  let drop = () => {};
  let stop = drop;

  const [granted, pass, choose] = consentGate(
    store,
    cfg.requireConsent,
    (e) => {
      bridge(e);
      enqueue(e);
    },
    () => {
      store[2](QUEUE_KEY);
      forgetVisitor();
      drop();
    },
  );
  if (endpoint) [enqueue, drop, stop] = delivery(endpoint, cfg.store, store, storedQueue(store), visitorId, granted, guard, debug);

  // no prototype: centraOmetria('toString') is an unknown method
  const methods = {
    __proto__: null,
    consent: (g: unknown) => {
      info('consent', g);
      choose(g);
    },
  } as unknown as Record<string, (x?: unknown) => void>;
  for (const m in BUILDERS) {
    const [build, needs] = BUILDERS[m as keyof typeof BUILDERS];
    const type = separateWords(m, '_');
    methods[m] = (x) => {
      const data = build((x && typeof x == 'object' ? x : {}) as Record<string, unknown>);
      if (!data) return warn(m, 'ignored: needs', needs);
      info(type, data, granted() ? '' : 'held until consent');
      pass({ id: uuid().replace(/-/g, ''), type, at: new Date().toISOString(), url: location.href.slice(0, MAX_STRING), data } as TrackerEvent);
    };
  }

  const api = guard((m: unknown, ...a: unknown[]) => {
    const f = methods[m as string];
    f ? f(...a) : warn('unknown method', m);
  }) as unknown as CentraOmetria;
  for (const m in methods) {
    (api as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => api(m, ...a);
    document.addEventListener('ometria:' + separateWords(m, '-'), (e) => api(m, (e as CustomEvent).detail));
  }
  api.l = 1;
  // apply takes the stub's arguments objects as they are; guarded, as it throws on anything not array-like
  api.q = { push: guard((a: ArrayLike<unknown>) => api.apply(0, a as [string])) };

  const stopCapture = capture(api, newPage, guard);
  api.destroy = () => {
    kill();
    stopCapture();
    stop();
  };
  return api;
};
