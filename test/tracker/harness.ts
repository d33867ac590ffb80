/** Shared set-up for the jsdom tracker tests (not a test file itself). */
import { vi } from 'vitest';
import type { TrackerBatch, TrackerEvent } from '../../shared/tracker-event-types.js';
import { createTracker } from '../../tracker/create-tracker.js';
import { install } from '../../tracker/install.js';
import type { CentraOmetria, TrackerConfig } from '../../tracker/types.js';

export const ENDPOINT = 'https://companion.example.com/collect';
export const STORE = 'example.com/uk';
export const QUEUE_KEY = 'centraOmetria:v1:queue';

const live: CentraOmetria[] = [];

type Reply = number | Error | (() => Promise<never>);

/** A fetch double answering with the given statuses in turn (the last one repeats); an Error rejects. */
export function mockFetch(...replies: Reply[]) {
  let i = 0;
  const f = vi.fn(async (_url: string, _init?: RequestInit): Promise<Response> => {
    const r = replies[Math.min(i++, replies.length - 1)] ?? 200;
    if (r instanceof Error) throw r;
    if (typeof r == 'function') return r();
    return { status: r, ok: r >= 200 && r < 300 } as Response;
  });
  vi.stubGlobal('fetch', f);
  return f;
}

export function mockBeacon(result = true) {
  const b = vi.fn((_url: string, _data?: BodyInit | null) => result);
  Object.defineProperty(navigator, 'sendBeacon', { value: b, configurable: true, writable: true });
  return b;
}

/** The batches a fetch double received. */
export const batches = (f: { mock: { calls: unknown[][] } }): TrackerBatch[] =>
  f.mock.calls.map((c) => JSON.parse((c[1] as RequestInit).body as string) as TrackerBatch);

export const sentEvents = (f: { mock: { calls: unknown[][] } }): TrackerEvent[] => batches(f).flatMap((b) => b.events);

export const stored = (): TrackerEvent[] => JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]') as TrackerEvent[];

export function tracker(cfg: Partial<TrackerConfig> = {}): CentraOmetria {
  const t = createTracker({ endpoint: ENDPOINT, store: STORE, ...cfg });
  live.push(t);
  return t;
}

export function installed(cfg: Partial<TrackerConfig> = {}): CentraOmetria {
  const t = install({ endpoint: ENDPOINT, store: STORE, ...cfg });
  live.push(t);
  return t;
}

/** Call in beforeEach: a clean page, storage and globals. */
export function resetPage() {
  while (live.length) live.pop()!.destroy();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
  const w = window as unknown as Record<string, unknown>;
  delete w.centraOmetria;
  delete w.ometria;
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  delete (navigator as unknown as Record<string, unknown>).sendBeacon;
}

export const hide = () => {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

export const pagehide = () => window.dispatchEvent(new Event('pagehide'));

/** Runs timers and the promise callbacks they start. */
export const run = (ms: number) => vi.advanceTimersByTimeAsync(ms);
