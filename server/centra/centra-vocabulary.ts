/**
 * How each Centra enum value the service reads is understood: the one table to correct after a look at a live
 * Centra (docs/centra-setup.md, "Values Centra may send"). A value missing here never rejects an order: it is kept
 * as data, treated as its row's `unknown` says, logged once and listed on /status.
 */

export interface OrderStatusMeaning {
  /** Ometria's `status` when no shipment, return or cancellation says more (docs/mapping.md). */
  ometriaStatus: string;
  /** The whole order is void: `is_valid: false`. */
  voidsOrder: boolean;
}

/** Centra's GraphQL order statuses. Completed is SHIPPED in GraphQL (Centra's ERP guide); there is no COMPLETED. */
export const ORDER_STATUSES: Readonly<Record<string, OrderStatusMeaning>> = {
  PENDING: { ometriaStatus: 'pending', voidsOrder: false },
  CONFIRMED: { ometriaStatus: 'confirmed', voidsOrder: false },
  PROCESSING: { ometriaStatus: 'processing', voidsOrder: false },
  SHIPPED: { ometriaStatus: 'completed', voidsOrder: false },
  ARCHIVED: { ometriaStatus: 'archived', voidsOrder: false },
  CANCELLED: { ometriaStatus: 'cancelled', voidsOrder: true },
  // [INF] In Centra's Storefront API enum; a deleted order is no sale.
  DELETED: { ometriaStatus: 'deleted', voidsOrder: true },
};

export const orderStatusMeaning = (status: string): OrderStatusMeaning => ORDER_STATUSES[status] ?? { ometriaStatus: status.toLowerCase(), voidsOrder: false };

/** [INF] Return states: only a completed return is a refund; pending ones can still be un-made or deleted. */
export const RETURN_STATUSES: Readonly<Record<string, { completed: boolean }>> = {
  PENDING: { completed: false },
  COMPLETED: { completed: true },
};

export const isCompletedReturn = (status: string | null | undefined): boolean => !!status && RETURN_STATUSES[status]?.completed === true;

/** Order channels: wholesale orders are not marketing data and are not synced (docs/mapping.md). */
export const ORDER_TYPES: Readonly<Record<string, 'direct-to-consumer' | 'wholesale'>> = {
  DirectToConsumerOrder: 'direct-to-consumer',
  WholesaleOrder: 'wholesale',
};

export const STORE_TYPES: Readonly<Record<string, 'direct-to-consumer' | 'wholesale'>> = {
  DIRECT_TO_CONSUMER: 'direct-to-consumer',
  WHOLESALE: 'wholesale',
};

/** Wholesale when either the order's type or its store's type says so; anything unknown is treated as a consumer order. */
export function isWholesaleOrder(order: { __typename: string; store: { type?: string | null } }): boolean {
  return ORDER_TYPES[order.__typename] === 'wholesale' || (!!order.store.type && STORE_TYPES[order.store.type] === 'wholesale');
}

/**
 * Payment history entry types: CAPTURE…CANCEL_REQUEST are documented, the refund names are [INF]. A history with
 * a type not listed here (or none) is not trusted for refund amounts: the price paid is used instead.
 */
export const PAYMENT_ENTRY_TYPES: ReadonlySet<string> = new Set([
  'CAPTURE',
  'CAPTURE_REQUEST',
  'CANCEL',
  'CANCEL_REQUEST',
  'AUTHORIZATION',
  'REFUND',
  'REFUND_REQUEST',
]);

/** [INF] Payment history rows that moved money back to the shopper. */
export const isSettledRefund = (entry: { entryType?: string | null; status?: string | null }): boolean =>
  entry.entryType === 'REFUND' && (entry.status ?? 'SUCCESS') === 'SUCCESS';

/** One value the table above does not know, as /status and the log show it. */
export interface UnknownValue {
  /** The enum or field, e.g. `OrderStatus`. */
  kind: string;
  value: string;
  /** What the service did with it. */
  treatedAs: string;
  /** The entity it was first seen on, e.g. `order 1001`. */
  entity: string;
}

/** The values of one Centra order that the tables do not know. */
export function unknownOrderValues(order: {
  number: number;
  __typename: string;
  status: string;
  store: { type?: string | null };
  returns?: ReadonlyArray<{ id: number; status?: string | null; returnStatus?: string | null }>;
}): UnknownValue[] {
  const entity = `order ${order.number}`;
  const out: UnknownValue[] = [];
  if (!ORDER_STATUSES[order.status]) {
    out.push({ kind: 'OrderStatus', value: order.status, entity, treatedAs: `a valid order with Ometria status "${order.status.toLowerCase()}"` });
  }
  if (!ORDER_TYPES[order.__typename]) out.push({ kind: 'Order type', value: order.__typename, entity, treatedAs: 'a direct-to-consumer order (synced)' });
  if (order.store.type && !STORE_TYPES[order.store.type]) {
    out.push({ kind: 'StoreType', value: order.store.type, entity, treatedAs: 'a direct-to-consumer store (synced)' });
  }
  for (const r of order.returns ?? []) {
    const status = r.status ?? r.returnStatus;
    if (status && !RETURN_STATUSES[status]) {
      out.push({
        kind: 'ReturnStatus',
        value: status,
        entity: `return ${r.id} of ${entity}`,
        treatedAs: 'not completed: its lines are not counted as refunded',
      });
    }
  }
  return out;
}
