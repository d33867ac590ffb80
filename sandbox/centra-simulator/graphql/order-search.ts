import type { SimData } from '../data/sim-data.js';
import type { SimOrder, SimStoreType } from '../types/index.js';
import { allOf, dateRange, equalTo, oneOf, timeOf, type DateRange } from './filters.js';
import { paginate, sortBy, type ListArgs, type SortGetters } from './list-args.js';

export interface OrderWhere {
  id?: string[] | null;
  number?: number[] | null;
  status?: string[] | null;
  storeType?: SimStoreType | null;
  storeId?: number | null;
  marketId?: number | null;
  customerId?: number | null;
  accountId?: number | null;
  createdAt?: DateRange | null;
  orderDate?: DateRange | null;
  updatedAt?: DateRange | null;
  notNull?: string[] | null;
}

export function orderStoreType(data: SimData, order: SimOrder): SimStoreType {
  return data.stores.get(order.store.id)?.type ?? order.store.type ?? (order.__typename === 'WholesaleOrder' ? 'WHOLESALE' : 'DIRECT_TO_CONSUMER');
}

/** `notNull: ["accountId"]` reads `account.id`; other names read the field itself. */
function hasValue(order: SimOrder, name: string): boolean {
  const record = order as unknown as Record<string, unknown>;
  const direct = record[name];
  if (direct != null) return true;
  const relation = name.endsWith('Id') ? record[name.slice(0, -2)] : undefined;
  return relation != null && (relation as { id?: unknown }).id != null;
}

/** Held orders never match: Centra hides them from the API until released (docs/design.md C7). */
export function findOrders(data: SimData, where: OrderWhere | null | undefined): SimOrder[] {
  const w = where ?? {};
  const offset = data.utcOffsetMinutes;
  const candidates = w.number != null ? w.number.map((n) => data.orders.get(n)) : w.id != null ? w.id.map((h) => data.orders.getById(h)) : data.orders.values();
  const matches = allOf<SimOrder>(
    [oneOf(w.status), (o) => o.status],
    [equalTo(w.storeType), (o) => orderStoreType(data, o)],
    [equalTo(w.storeId), (o) => o.store.id],
    [equalTo(w.marketId), (o) => o.market?.id],
    [equalTo(w.customerId), (o) => (o.__typename === 'DirectToConsumerOrder' ? o.customer?.id : undefined)],
    [equalTo(w.accountId), (o) => (o.__typename === 'WholesaleOrder' ? o.account?.id : undefined)],
    [dateRange(w.createdAt, offset), (o) => o.createdAt],
    [dateRange(w.orderDate, offset), (o) => o.orderDate],
    [dateRange(w.updatedAt, offset), (o) => o.updatedAt],
  );
  const notNull = w.notNull ?? [];
  const seen = new Set<SimOrder>();
  return candidates.filter((o): o is SimOrder => {
    if (!o || o.isOnHold || seen.has(o)) return false;
    seen.add(o);
    return matches(o) && notNull.every((name) => hasValue(o, name));
  });
}

export function orderSortGetters(offset: number): SortGetters<SimOrder> {
  const ms = timeOf(offset);
  return {
    number: (o) => o.number,
    id: (o) => o.id,
    orderDate: (o) => ms(o.orderDate),
    createdAt: (o) => ms(o.createdAt),
    updatedAt: (o) => ms(o.updatedAt),
  };
}

/** [INF] Centra's default order is undocumented; number ascending keeps paging stable. */
export function listOrders(data: SimData, args: ListArgs<OrderWhere>, defaultLimit?: number): SimOrder[] {
  const found = findOrders(data, args.where);
  return paginate(sortBy(found, args.sort, orderSortGetters(data.utcOffsetMinutes), ['number_ASC']), args, defaultLimit);
}
