import type { OrderFacts } from '../customers/order-facts.js';
import type { Db } from './open-database.js';

interface FactRow {
  order_number: number;
  contact_key: string;
  order_date: number;
  currency: string;
  net_value: number;
  items: number;
  full_price_items: number;
  items_returned: number;
  is_valid: number;
}

/**
 * Every order the service has seen, reduced to what segmentation needs (order-facts.ts), one row per order
 * number, replaced whenever the order, a return or a cancellation is synced.
 */
export function createCustomerHistoryStore(db: Db) {
  const getStmt = db.prepare(`SELECT * FROM order_facts WHERE order_number = ?`);
  const putStmt = db.prepare(`
    INSERT INTO order_facts (order_number, contact_key, order_date, currency, net_value, items, full_price_items, items_returned, is_valid)
    VALUES (@order_number, @contact_key, @order_date, @currency, @net_value, @items, @full_price_items, @items_returned, @is_valid)
    ON CONFLICT (order_number) DO UPDATE SET contact_key = @contact_key, order_date = @order_date, currency = @currency,
      net_value = @net_value, items = @items, full_price_items = @full_price_items, items_returned = @items_returned, is_valid = @is_valid`);
  const forStmt = db.prepare(`SELECT * FROM order_facts WHERE contact_key = ? ORDER BY order_date, order_number`);

  /** Contact keys whose attributes must be recomputed: the order's, and its previous one if it moved. */
  const upsert = db.transaction((facts: readonly OrderFacts[]): string[] => {
    const touched = new Set<string>();
    for (const fact of facts) {
      const row = toRow(fact);
      const before = getStmt.get(fact.orderNumber) as FactRow | undefined;
      if (before && sameRow(before, row)) continue;
      putStmt.run(row);
      touched.add(fact.contactKey);
      if (before) touched.add(before.contact_key);
    }
    return [...touched].sort();
  });

  return {
    /** Inserts or replaces; returns the contact keys whose facts changed (none when every row was equal). */
    upsertOrderFacts: (facts: readonly OrderFacts[]): string[] => upsert(facts),
    /** Oldest order first. */
    factsFor: (contactKey: string): OrderFacts[] => (forStmt.all(contactKey) as FactRow[]).map(fromRow),
  };
}

export type CustomerHistoryStore = ReturnType<typeof createCustomerHistoryStore>;

function toRow(f: OrderFacts): FactRow {
  const orderDate = Date.parse(f.orderDate);
  if (Number.isNaN(orderDate)) throw new RangeError(`order ${f.orderNumber}: orderDate is not a date-time`);
  return {
    order_number: f.orderNumber,
    contact_key: f.contactKey,
    order_date: orderDate,
    currency: f.currency,
    net_value: f.netValue,
    items: f.items,
    full_price_items: f.fullPriceItems,
    items_returned: f.itemsReturned,
    is_valid: f.isValid ? 1 : 0,
  };
}

function fromRow(r: FactRow): OrderFacts {
  return {
    orderNumber: r.order_number,
    contactKey: r.contact_key,
    orderDate: new Date(r.order_date).toISOString(),
    currency: r.currency,
    netValue: r.net_value,
    items: r.items,
    fullPriceItems: r.full_price_items,
    itemsReturned: r.items_returned,
    isValid: r.is_valid === 1,
  };
}

function sameRow(a: FactRow, b: FactRow): boolean {
  return (Object.keys(b) as Array<keyof FactRow>).every((key) => a[key] === b[key]);
}
