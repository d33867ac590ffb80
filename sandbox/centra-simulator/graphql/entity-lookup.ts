import type { SimData } from '../data/sim-data.js';
import { orderOf } from './after-sale-search.js';

type Ref = { id?: unknown; number?: unknown };
type Lookup = (data: SimData, ref: Ref) => unknown;

const byId =
  (get: (data: SimData, id: number) => unknown): Lookup =>
  (data, ref) =>
    typeof ref.id === 'number' ? get(data, ref.id) : undefined;

const order: Lookup = (data, ref) =>
  typeof ref.number === 'number' || typeof ref.id === 'string' ? orderOf(data, ref as { number: number; id?: string }) : undefined;
const shipment = byId((d, id) => d.shipments.get(id));
const ret = byId((d, id) => d.returns.get(id));

/** GraphQL type name → how a stored ref of that type finds its entity. */
const LOOKUPS: Record<string, Lookup> = {
  Customer: byId((d, id) => d.customers.get(id)),
  Store: byId((d, id) => d.stores.get(id)),
  Market: byId((d, id) => d.markets.get(id)),
  Pricelist: byId((d, id) => d.pricelists.get(id)),
  Brand: byId((d, id) => d.brands.get(id)),
  Collection: byId((d, id) => d.collections.get(id)),
  Category: byId((d, id) => d.categories.get(id)),
  Product: byId((d, id) => d.products.get(id)),
  ProductVariant: byId((d, id) => d.products.variantById(id)?.variant),
  ProductSize: byId((d, id) => d.products.sizeById(id)?.size),
  Display: byId((d, id) => d.displays.get(id)),
  Order: order,
  DirectToConsumerOrder: order,
  WholesaleOrder: order,
  Shipment: shipment,
  DirectToConsumerShipment: shipment,
  WholesaleShipment: shipment,
  Return: ret,
  DirectToConsumerReturn: ret,
  WholesaleReturn: ret,
};

/**
 * Relations are stored as refs (`customer: { id: 7 }`): the entity the simulator holds wins, the
 * ref itself answers when there is none, so tests may embed snapshots without seeding.
 */
export function resolveRef(data: SimData, typeName: string, value: unknown): unknown {
  const lookup = LOOKUPS[typeName];
  if (!lookup || typeof value !== 'object' || value === null) return value;
  return lookup(data, value) ?? value;
}
