/** Centra's offset paging (`limit`, 1-based `page`) and `sort: [field_DIR]` lists. */
export interface ListArgs<W = Record<string, unknown>> {
  where?: W | null;
  sort?: readonly string[] | null;
  limit?: number | null;
  page?: number | null;
}

/** [INF] Centra's default page size is undocumented; the project always passes `limit`. */
export const DEFAULT_LIMIT = 100;

export function paginate<T>(items: readonly T[], args: ListArgs<unknown>, defaultLimit = DEFAULT_LIMIT): T[] {
  const limit = args.limit ?? defaultLimit;
  if (limit <= 0) return [];
  const page = Math.max(1, args.page ?? 1);
  return items.slice((page - 1) * limit, page * limit);
}

export type SortValue = number | string | null | undefined;
export type SortGetters<T> = Record<string, (item: T) => SortValue>;

function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable multi-key sort; missing values go last whatever the direction. Unknown keys are ignored. */
export function sortBy<T>(items: T[], sort: readonly string[] | null | undefined, getters: SortGetters<T>, fallback: readonly string[]): T[] {
  const keys = (sort && sort.length > 0 ? sort : fallback).flatMap((spec) => {
    const cut = spec.lastIndexOf('_');
    const get = getters[spec.slice(0, cut)];
    return get ? [{ get, dir: spec.slice(cut + 1) === 'DESC' ? -1 : 1 }] : [];
  });
  if (keys.length === 0) return items;
  const decorated = items.map((item) => ({ item, values: keys.map((k) => k.get(item)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const a = x.values[i];
      const b = y.values[i];
      if (a === b) continue;
      if (a === null || a === undefined || b === null || b === undefined) return compare(a, b);
      const c = compare(a, b);
      if (c !== 0) return c * keys[i]!.dir;
    }
    return 0;
  });
  return decorated.map((d) => d.item);
}
