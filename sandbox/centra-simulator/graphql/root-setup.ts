import type { SimCountry, SimCurrency } from '../types/index.js';
import type { SimContext } from './context.js';
import type { ListArgs } from './list-args.js';
import { listSetup, type SetupWhere } from './setup-search.js';

function unique<T, K>(items: T[], key: (t: T) => K): T[] {
  const seen = new Map<K, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** Root fields for stores, markets, pricelists and the lists derived from them. */
export const setupRoot = {
  markets: (args: ListArgs<SetupWhere>, ctx: SimContext) => listSetup(ctx.data.markets, args, ctx.defaultLimit),
  market: (args: { id: number }, ctx: SimContext) => ctx.data.markets.get(args.id) ?? null,
  stores: (args: ListArgs<SetupWhere>, ctx: SimContext) => listSetup(ctx.data.stores, args, ctx.defaultLimit),
  pricelists: (args: ListArgs<SetupWhere>, ctx: SimContext) => listSetup(ctx.data.pricelists, args, ctx.defaultLimit),
  countries: (args: { where?: { code?: string[] | null } | null }, ctx: SimContext) =>
    unique<SimCountry, string>(
      [...ctx.data.markets].flatMap((m) => m.assignedToCountries),
      (c) => c.code,
    ).filter((c) => !args.where?.code || args.where.code.includes(c.code)),
  /** [INF] The first pricelist's currency stands in for the instance's base currency. */
  currencies: (args: { where?: { isBase?: boolean | null } | null }, ctx: SimContext) => {
    const all = unique<SimCurrency, string>(
      [...ctx.data.pricelists].map((p) => p.currency),
      (c) => c.code,
    ).map((c, i) => ({ ...c, isBase: i === 0 }));
    return args.where?.isBase == null ? all : all.filter((c) => c.isBase === args.where?.isBase);
  },
  languages: () => [],
};
