import { parseTz } from '../sim-time.js';

/** Predicates for the SDL's filter inputs; every builder returns `undefined` when the filter is absent. */
export type Check<V> = (value: V) => boolean;

export interface DateRange {
  from?: string | null;
  to?: string | null;
}

export interface StringMatch {
  equals?: string | null;
  contains?: string | null;
}

/** Both ends inclusive [INF]. Zone-less bounds are read at the store offset. */
export function dateRange(range: DateRange | null | undefined, offsetMinutes: number): Check<string | Date | null | undefined> | undefined {
  if (!range || (range.from == null && range.to == null)) return undefined;
  const from = range.from == null ? -Infinity : parseTz(range.from, offsetMinutes);
  const to = range.to == null ? Infinity : parseTz(range.to, offsetMinutes);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new Error('Invalid date in range filter');
  return (value) => {
    if (value == null) return false;
    const ms = parseTz(value, offsetMinutes);
    return ms >= from && ms <= to;
  };
}

/** Case-insensitive [INF: Centra's collation for email look-ups]. */
export function stringMatch(match: StringMatch | null | undefined): Check<string | null | undefined> | undefined {
  if (!match) return undefined;
  const equals = match.equals?.toLowerCase();
  const contains = match.contains?.toLowerCase();
  if (equals == null && contains == null) return undefined;
  return (value) => {
    const v = value?.toLowerCase();
    if (v === undefined) return false;
    return (equals == null || v === equals) && (contains == null || v.includes(contains));
  };
}

export function oneOf<V>(list: readonly V[] | null | undefined): Check<V> | undefined {
  if (list == null) return undefined;
  const set = new Set(list);
  return (value) => set.has(value);
}

export function equalTo<V>(expected: V | null | undefined): Check<V> | undefined {
  return expected == null ? undefined : (value) => value === expected;
}

/** Combines field checks: `[check, read]` pairs, absent checks skipped. */
export function allOf<T>(...pairs: Array<[Check<never> | undefined, (item: T) => unknown]>): (item: T) => boolean {
  const active = pairs.filter((p): p is [Check<never>, (item: T) => unknown] => p[0] !== undefined);
  return (item) => active.every(([check, read]) => (check as Check<unknown>)(read(item)));
}

/** Epoch ms for sorting a stored date; undefined (sorted last) when absent or unreadable. */
export function timeOf(offsetMinutes: number): (value: string | null | undefined) => number | undefined {
  return (value) => {
    if (value == null) return undefined;
    const ms = parseTz(value, offsetMinutes);
    return Number.isNaN(ms) ? undefined : ms;
  };
}
