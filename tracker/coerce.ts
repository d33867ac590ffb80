/**
 * Coercion of the storefront's lenient inputs (ids as numbers, amounts as numeric strings) to wire values.
 * Each returns undefined (or a default) for what cannot be coerced; the builders in events.ts decide what that means.
 */
import { MAX_LINES, MAX_STRING } from './wire-limits.js';

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

/** The first MAX_LINES entries of an array; anything else is an empty list. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, MAX_LINES) : []);
