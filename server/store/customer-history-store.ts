import type { Sql } from './sql/sql.js';

/** What segmentation needs from one order, kept per order in the customer history store. */
export interface OrderFacts {
  orderNumber: number;
  contactKey: string;
  /** When the order was placed, UTC ISO-8601 with `Z`. */
  orderDate: string;
  currency: string;
  /** In `currency`, rounded to its minor units (orderNetValue in mapping/contact/order-facts.ts). 0 for a cancelled order. */
  netValue: number;
  /** Units still bought (after cancellations). */
  items: number;
  /** Of those, units not on sale (is-on-sale.ts). */
  fullPriceItems: number;
  /** Of those, units refunded. */
  itemsReturned: number;
  /** false when the whole order is cancelled (is_valid). */
  isValid: boolean;
}

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
export function createCustomerHistoryStore(sql: Sql) {
  return {
    /**
     * Inserts or replaces; returns the contact keys whose facts changed (none when every row was equal): the
     * order's, and its previous one if it moved, whose attributes must be recomputed.
     */
    upsertOrderFacts: async (facts: readonly OrderFacts[]): Promise<string[]> => {
      // A bad date refuses the whole batch before anything is written.
      const rows = facts.map(toRow);
      return sql.transaction(async (tx) => {
        const touched = new Set<string>();
        for (const row of rows) {
          const before = await tx.get<FactRow>(`SELECT * FROM order_facts WHERE order_number = ?`, [row.order_number]);
          if (before && sameRow(before, row)) continue;
          await tx.run(
            `
            INSERT INTO order_facts (order_number, contact_key, order_date, currency, net_value, items, full_price_items, items_returned, is_valid)
            VALUES (@order_number, @contact_key, @order_date, @currency, @net_value, @items, @full_price_items, @items_returned, @is_valid)
            ON CONFLICT (order_number) DO UPDATE SET contact_key = excluded.contact_key, order_date = excluded.order_date,
              currency = excluded.currency, net_value = excluded.net_value, items = excluded.items,
              full_price_items = excluded.full_price_items, items_returned = excluded.items_returned, is_valid = excluded.is_valid`,
            { ...row },
          );
          touched.add(row.contact_key);
          if (before) touched.add(before.contact_key);
        }
        return [...touched].sort();
      });
    },
    /** Oldest order first. */
    factsFor: async (contactKey: string): Promise<OrderFacts[]> =>
      (await sql.all<FactRow>(`SELECT * FROM order_facts WHERE contact_key = ? ORDER BY order_date, order_number`, [contactKey])).map(fromRow),
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
