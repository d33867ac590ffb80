import type { SimData } from '../data/sim-data.js';
import type { SimCustomer } from '../types/index.js';
import { allOf, dateRange, equalTo, oneOf, stringMatch, timeOf, type DateRange, type StringMatch } from './filters.js';
import { paginate, sortBy, type ListArgs } from './list-args.js';

export interface CustomerWhere {
  id?: number[] | null;
  email?: StringMatch | null;
  storeId?: number | null;
  createdAt?: DateRange | null;
  updatedAt?: DateRange | null;
}

export function findCustomers(data: SimData, where: CustomerWhere | null | undefined): SimCustomer[] {
  const w = where ?? {};
  const offset = data.utcOffsetMinutes;
  const candidates = w.id != null ? w.id.map((id) => data.customers.get(id)) : data.customers.values();
  const matches = allOf<SimCustomer>(
    [oneOf(w.id), (c) => c.id],
    [stringMatch(w.email), (c) => c.email],
    [equalTo(w.storeId), (c) => c.store?.id],
    [dateRange(w.createdAt, offset), (c) => c.createdAt],
    [dateRange(w.updatedAt, offset), (c) => c.updatedAt],
  );
  return [...new Set(candidates)].filter((c): c is SimCustomer => c !== undefined && matches(c));
}

export function listCustomers(data: SimData, args: ListArgs<CustomerWhere>, defaultLimit?: number): SimCustomer[] {
  const ms = timeOf(data.utcOffsetMinutes);
  const sorted = sortBy(findCustomers(data, args.where), args.sort, { id: (c) => c.id, updatedAt: (c) => ms(c.updatedAt) }, ['id_ASC']);
  return paginate(sorted, args, defaultLimit);
}
