/** Where the tracker keeps its state between pages and tabs: localStorage, or memory when that is unusable. */

/** Storage keys; `v1` is bumped when the stored shape changes. */
export const PREFIX = 'centraOmetria:v1:';
export const QUEUE_KEY = PREFIX + 'queue';
export const LOCK_KEY = PREFIX + 'lock';
export const VISITOR_KEY = PREFIX + 'vid';
export const CONSENT_KEY = PREFIX + 'consent';

export type Store = [get: (k: string) => string | null, set: (k: string, v: string) => void, del: (k: string) => void];

/**
 * localStorage with a fallback to memory when it is missing, blocked (sandboxed iframe, privacy mode) or full.
 * Every write also lands in memory, so a store that starts failing keeps working for this page.
 */
export const storage = (): Store => {
  const mem: Record<string, string> = {};
  let ls: Storage | null;
  try {
    ls = localStorage;
    ls.setItem(PREFIX, '1');
    ls.removeItem(PREFIX);
  } catch {
    ls = null;
  }
  return [
    (k) => {
      try {
        if (ls) return ls.getItem(k);
      } catch {
        ls = null;
      }
      return mem[k] ?? null; // keys are ours (PREFIX…), never Object.prototype names
    },
    (k, v) => {
      mem[k] = v;
      try {
        ls?.setItem(k, v);
      } catch {
        ls = null;
      }
    },
    (k) => {
      delete mem[k];
      try {
        ls?.removeItem(k);
      } catch {
        ls = null;
      }
    },
  ];
};
