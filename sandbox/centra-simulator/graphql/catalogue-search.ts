import type { SimData } from '../data/sim-data.js';
import type { SimDisplay, SimProduct, SimRef, SimStatus } from '../types/index.js';
import { allOf, dateRange, equalTo, oneOf, stringMatch, timeOf, type DateRange, type StringMatch } from './filters.js';
import { paginate, sortBy, type ListArgs } from './list-args.js';

export interface ProductWhere {
  id?: number[] | null;
  status?: string[] | null;
  name?: StringMatch | null;
  productNumber?: StringMatch | null;
}

export interface DisplayWhere {
  id?: number[] | null;
  status?: SimStatus[] | null;
  marketId?: number | null;
  storeId?: number | null;
  productId?: number | null;
  updatedAt?: DateRange | null;
}

export function findProducts(data: SimData, where: ProductWhere | null | undefined): SimProduct[] {
  const w = where ?? {};
  const candidates = w.id != null ? w.id.map((id) => data.products.get(id)) : data.products.values();
  const matches = allOf<SimProduct>(
    [oneOf(w.status), (p) => p.status],
    [stringMatch(w.name), (p) => p.name],
    [stringMatch(w.productNumber), (p) => p.productNumber],
  );
  return [...new Set(candidates)].filter((p): p is SimProduct => p !== undefined && matches(p));
}

export function findDisplays(data: SimData, where: DisplayWhere | null | undefined, within: Iterable<SimDisplay> = data.displays): SimDisplay[] {
  const w = where ?? {};
  const matches = allOf<SimDisplay>(
    [oneOf(w.id), (d) => d.id],
    [oneOf(w.status), (d) => d.status],
    [w.marketId == null ? undefined : (ms: SimRef[]) => ms.some((m) => m.id === w.marketId), (d) => d.markets],
    [equalTo(w.storeId), (d) => d.store?.id],
    [equalTo(w.productId), (d) => d.product.id],
    [dateRange(w.updatedAt, data.utcOffsetMinutes), (d) => d.updatedAt],
  );
  return [...within].filter(matches);
}

export function listProducts(data: SimData, args: ListArgs<ProductWhere>, defaultLimit?: number): SimProduct[] {
  const ms = timeOf(data.utcOffsetMinutes);
  const sorted = sortBy(findProducts(data, args.where), args.sort, { id: (p) => p.id, updatedAt: (p) => ms(p.updatedAt) }, ['id_ASC']);
  return paginate(sorted, args, defaultLimit);
}

export function listDisplays(data: SimData, args: ListArgs<DisplayWhere>, defaultLimit?: number): SimDisplay[] {
  const ms = timeOf(data.utcOffsetMinutes);
  const sorted = sortBy(findDisplays(data, args.where), args.sort, { id: (d) => d.id, updatedAt: (d) => ms(d.updatedAt) }, ['id_ASC']);
  return paginate(sorted, args, defaultLimit);
}
