import type { SimOrder } from '../types/index.js';
import { SimTable, type TableClock } from './sim-table.js';

/** Orders keyed by number (what webhooks carry), with a second index on the hash id. */
export class OrderTable extends SimTable<SimOrder> {
  private readonly byHash = new Map<string, SimOrder>();

  constructor(clock: TableClock) {
    super((o) => o.number, clock);
  }

  getById(hash: string): SimOrder | undefined {
    return this.byHash.get(hash);
  }

  protected override index(order: SimOrder): void {
    this.byHash.set(order.id, order);
  }

  protected override unindex(order: SimOrder): void {
    this.byHash.delete(order.id);
  }
}
