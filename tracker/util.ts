/** Small helpers. Written for size: the bundle must stay a few KB (see test/tracker-bundle.test.ts). */

/** Storage keys; `v1` is bumped when the stored shape changes. */
export const PREFIX = 'centraOmetria:v1:';
export const QUEUE_KEY = PREFIX + 'queue';
export const LOCK_KEY = PREFIX + 'lock';
export const VISITOR_KEY = PREFIX + 'vid';
export const CONSENT_KEY = PREFIX + 'consent';

/** Same caps as shared/schemas/tracker-events.ts (asserted by a test; the tracker cannot import zod). */
export const MAX_STRING = 512;
export const MAX_LINES = 100;
export const MAX_EVENTS = 50;
/** Kept under the 64 KB keepalive / sendBeacon quota with room for headers. */
export const MAX_BODY = 60000;
/** Events kept in storage (or in memory before consent); the oldest are dropped. */
export const MAX_QUEUE = 200;

export const noop = () => {};

/** Runs f, swallowing anything it throws: nothing of ours may throw into the host page. */
export const safe = <A extends unknown[], R>(f: (...a: A) => R) =>
  (...a: A): R | undefined => {
    try {
      return f(...a);
    } catch {
      return undefined;
    }
  };

const randomByte = (): number => {
  try {
    return crypto.getRandomValues(new Uint8Array(1))[0]!;
  } catch {
    return (Math.random() * 256) | 0;
  }
};

/** RFC 4122 v4 UUID: crypto.randomUUID (secure contexts only), else getRandomValues, else Math.random. */
export const uuid = (): string => {
  try {
    return crypto.randomUUID();
  } catch {
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ (randomByte() & (15 >> (+c / 4)))).toString(16),
    );
  }
};

export type Store = [get: (k: string) => string | null, set: (k: string, v: string) => void, del: (k: string) => void];

/**
 * localStorage with a fallback to memory when it is missing, blocked (sandboxed iframe, privacy mode) or full.
 * Every write also lands in memory, so a store that starts failing keeps working for this page.
 */
export const storage = (): Store => {
  const mem: Record<string, string> = {};
  let ls: Storage | null = null;
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
      return k in mem ? mem[k]! : null;
    },
    (k, v) => {
      mem[k] = v;
      try {
        ls && ls.setItem(k, v);
      } catch {
        ls = null;
      }
    },
    (k) => {
      delete mem[k];
      try {
        ls && ls.removeItem(k);
      } catch {
        ls = null;
      }
    },
  ];
};

/** A trimmed, non-empty string of at most MAX_STRING characters from a string or number; else undefined. */
export const str = (v: unknown): string | undefined => {
  const s = typeof v == 'string' || typeof v == 'number' ? String(v).trim().slice(0, MAX_STRING) : '';
  return s || undefined;
};

/** A finite number from a number or numeric string; else undefined. */
export const num = (v: unknown): number | undefined => {
  const n = typeof v == 'number' || (typeof v == 'string' && v.trim()) ? +v : NaN;
  return isFinite(n) ? n : undefined;
};

/** A non-negative integer quantity, `d` when absent. */
export const qty = (v: unknown, d: number): number => Math.max(0, Math.round(num(v) ?? d));

/** An upper-case ISO-4217 code; else undefined. */
export const cur = (v: unknown): string | undefined => {
  const c = str(v)?.toUpperCase();
  return c && /^[A-Z]{3}$/.test(c) ? c : undefined;
};

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, MAX_LINES) : []);
