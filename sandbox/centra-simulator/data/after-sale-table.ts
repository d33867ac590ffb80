import type { SimOrderRef } from '../types/index.js';
import { SimTable, type TableClock } from './sim-table.js';

const refKeys = (ref: SimOrderRef): string[] => [
  ...(ref.number !== undefined ? [`n${ref.number}`] : []),
  ...(ref.id !== undefined ? [`h${ref.id}`] : []),
];

/** Shipments or returns keyed by id, with an index by the order they belong to. */
export class AfterSaleTable<T extends { id: number; order: SimOrderRef }> extends SimTable<T> {
  private readonly byOrder = new Map<string, Set<T>>();

  constructor(clock: TableClock) {
    super((r) => r.id, clock);
  }

  /** Records of one order, oldest id first. */
  forOrder(order: { number: number; id: string }): T[] {
    const found = new Set<T>([...(this.byOrder.get(`n${order.number}`) ?? []), ...(this.byOrder.get(`h${order.id}`) ?? [])]);
    return [...found].sort((a, b) => a.id - b.id);
  }

  protected override index(record: T): void {
    for (const k of refKeys(record.order)) {
      let set = this.byOrder.get(k);
      if (!set) this.byOrder.set(k, (set = new Set()));
      set.add(record);
    }
  }

  protected override unindex(record: T): void {
    for (const k of refKeys(record.order)) this.byOrder.get(k)?.delete(record);
  }
}
