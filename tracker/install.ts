/**
 * Puts the tracker on window.centraOmetria and replays, in order, the calls the snippet's stub queued before the
 * script loaded (docs/tracker.md, "The snippet"). Loading the script twice keeps the first tracker.
 */
import { createTracker } from './create-tracker.js';
import type { CentraOmetria, TrackerConfig } from './types.js';

export const install = (cfg: TrackerConfig): CentraOmetria => {
  const w = window as unknown as { centraOmetria?: { l?: 1; q?: ArrayLike<unknown>[] } | CentraOmetria };
  const old = w.centraOmetria;
  if (old?.l) return old as CentraOmetria;
  const api = createTracker(cfg);
  w.centraOmetria = api;
  for (const a of old?.q || []) api.q.push(a);
  return api;
};
