import type { SimData } from '../data/sim-data.js';
import type { SimOrderRef, SimReturn, SimShipment, SimStoreType } from '../types/index.js';
import { allOf, dateRange, equalTo, oneOf, timeOf, type DateRange } from './filters.js';
import { paginate, sortBy, type ListArgs, type SortGetters } from './list-args.js';

export interface ShipmentWhere {
  id?: number[] | null;
  number?: string[] | null;
  orderId?: string[] | null;
  orderNumber?: number[] | null;
  storeType?: SimStoreType | null;
  isShipped?: boolean | null;
  createdAt?: DateRange | null;
  updatedAt?: DateRange | null;
  shippedAt?: DateRange | null;
}

export interface ReturnWhere {
  id?: number[] | null;
  customerId?: number | null;
  purchaserId?: number | null;
  storeType?: SimStoreType | null;
  orderId?: string[] | null;
  shipmentId?: number[] | null;
  createdAt?: DateRange | null;
  updatedAt?: DateRange | null;
}

/** The order a shipment or return points at, whichever of number and hash id its ref carries. */
export function orderOf(data: SimData, ref: SimOrderRef) {
  return (ref.number !== undefined ? data.orders.get(ref.number) : undefined) ?? (ref.id !== undefined ? data.orders.getById(ref.id) : undefined);
}

const storeTypeOf = (typename: string): SimStoreType => (typename.startsWith('Wholesale') ? 'WHOLESALE' : 'DIRECT_TO_CONSUMER');

function getters<T extends SimShipment | SimReturn>(offset: number): SortGetters<T> {
  const ms = timeOf(offset);
  return { id: (r) => r.id, createdAt: (r) => ms(r.createdAt), updatedAt: (r) => ms(r.updatedAt) };
}

export function findShipments(data: SimData, where: ShipmentWhere | null | undefined): SimShipment[] {
  const w = where ?? {};
  const offset = data.utcOffsetMinutes;
  const matches = allOf<SimShipment>(
    [oneOf(w.id), (s) => s.id],
    [oneOf(w.number), (s) => s.number],
    [oneOf(w.orderId), (s) => s.order.id ?? orderOf(data, s.order)?.id],
    [oneOf(w.orderNumber), (s) => s.order.number ?? orderOf(data, s.order)?.number],
    [equalTo(w.storeType), (s) => storeTypeOf(s.__typename)],
    [equalTo(w.isShipped), (s) => s.isShipped],
    [dateRange(w.createdAt, offset), (s) => s.createdAt],
    [dateRange(w.updatedAt, offset), (s) => s.updatedAt],
    [dateRange(w.shippedAt, offset), (s) => s.shippedAt],
  );
  return data.shipments.values().filter(matches);
}

export function findReturns(data: SimData, where: ReturnWhere | null | undefined): SimReturn[] {
  const w = where ?? {};
  const offset = data.utcOffsetMinutes;
  const matches = allOf<SimReturn>(
    [oneOf(w.id), (r) => r.id],
    [equalTo(w.customerId ?? w.purchaserId), (r) => r.customer?.id],
    [equalTo(w.storeType), (r) => storeTypeOf(r.__typename)],
    [oneOf(w.orderId), (r) => r.order.id ?? orderOf(data, r.order)?.id],
    [oneOf(w.shipmentId), (r) => r.shipment?.id],
    [dateRange(w.createdAt, offset), (r) => r.createdAt],
    [dateRange(w.updatedAt, offset), (r) => r.updatedAt],
  );
  return data.returns.values().filter(matches);
}

export function listShipments(data: SimData, args: ListArgs<ShipmentWhere>, defaultLimit?: number): SimShipment[] {
  const sorted = sortBy(findShipments(data, args.where), args.sort, getters<SimShipment>(data.utcOffsetMinutes), ['id_ASC']);
  return paginate(sorted, args, defaultLimit);
}

export function listReturns(data: SimData, args: ListArgs<ReturnWhere>, defaultLimit?: number): SimReturn[] {
  const sorted = sortBy(findReturns(data, args.where), args.sort, getters<SimReturn>(data.utcOffsetMinutes), ['id_ASC']);
  return paginate(sorted, args, defaultLimit);
}
