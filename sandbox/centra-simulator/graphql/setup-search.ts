import { allOf, equalTo, oneOf, stringMatch, type StringMatch } from './filters.js';
import { paginate, sortBy, type ListArgs } from './list-args.js';

/** Filters of the small set-up lists (markets, stores, pricelists, categories, collections, brands). */
export interface SetupWhere {
  id?: number[] | null;
  storeId?: number | null;
  type?: string | null;
  name?: StringMatch | null;
  status?: string[] | null;
  isTopCategory?: boolean | null;
}

type SetupRow = { id: number; name?: string | null; store?: { id: number } | null; type?: string; status?: string | null; isTopCategory?: boolean };

export function listSetup<T extends SetupRow>(rows: Iterable<T>, args: ListArgs<SetupWhere>, defaultLimit?: number): T[] {
  const w = args.where ?? {};
  const matches = allOf<T>(
    [oneOf(w.id), (r) => r.id],
    [equalTo(w.storeId), (r) => r.store?.id],
    [equalTo(w.type), (r) => r.type],
    [stringMatch(w.name), (r) => r.name],
    [oneOf(w.status), (r) => r.status],
    [equalTo(w.isTopCategory), (r) => r.isTopCategory],
  );
  const sorted = sortBy([...rows].filter(matches), args.sort, { id: (r) => r.id, name: (r) => r.name }, ['id_ASC']);
  return paginate(sorted, args, defaultLimit);
}
