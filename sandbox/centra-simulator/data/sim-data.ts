import { formatTz } from '../sim-time.js';
import type {
  SimBrand, SimCategory, SimCollection, SimCustomer, SimDisplay, SimMarket, SimPricelist, SimReturn,
  SimShipment, SimStore,
} from '../types/index.js';
import { AfterSaleTable } from './after-sale-table.js';
import { NewsletterTable } from './newsletter-table.js';
import { OrderTable } from './order-table.js';
import { ProductTable } from './product-table.js';
import { SimTable, type TableClock } from './sim-table.js';

export interface SimDataOptions {
  /** Data clock: stamps `updatedAt` on update. Default: the system clock. */
  now?: () => Date;
  /** Offset of the simulated store's zone, in minutes east of UTC. Default 120 (Stockholm, summer) [INF]. */
  utcOffsetMinutes?: number;
}

/** The simulator's whole state: one table per Centra entity, keyed by its id (orders by number). */
export class SimData implements TableClock {
  readonly now: () => Date;
  readonly utcOffsetMinutes: number;
  readonly orders: OrderTable;
  readonly customers: SimTable<SimCustomer>;
  readonly shipments: AfterSaleTable<SimShipment>;
  readonly returns: AfterSaleTable<SimReturn>;
  readonly products: ProductTable;
  readonly displays: SimTable<SimDisplay>;
  readonly markets: SimTable<SimMarket>;
  readonly stores: SimTable<SimStore>;
  readonly pricelists: SimTable<SimPricelist>;
  readonly categories: SimTable<SimCategory>;
  readonly collections: SimTable<SimCollection>;
  readonly brands: SimTable<SimBrand>;
  readonly newsletterSubscriptions: NewsletterTable;

  constructor(options: SimDataOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? 120;
    const byId = <T extends { id: number }>() => new SimTable<T>((r) => r.id, this);
    this.orders = new OrderTable(this);
    this.customers = byId<SimCustomer>();
    this.shipments = new AfterSaleTable<SimShipment>(this);
    this.returns = new AfterSaleTable<SimReturn>(this);
    this.products = new ProductTable(this);
    this.displays = byId<SimDisplay>();
    this.markets = byId<SimMarket>();
    this.stores = byId<SimStore>();
    this.pricelists = byId<SimPricelist>();
    this.categories = byId<SimCategory>();
    this.collections = byId<SimCollection>();
    this.brands = byId<SimBrand>();
    this.newsletterSubscriptions = new NewsletterTable(this);
  }

  /** A Centra-style timestamp for `ms` (default: now) at the store offset. */
  stamp(ms: number = this.now().getTime()): string {
    return formatTz(ms, this.utcOffsetMinutes);
  }

  clear(): void {
    for (const table of [this.orders, this.customers, this.shipments, this.returns, this.products, this.displays,
      this.markets, this.stores, this.pricelists, this.categories, this.collections, this.brands, this.newsletterSubscriptions]) table.clear();
  }
}
