import type { CentraCapability } from '../documents/capabilities.js';

/** What a missing item costs: nothing users see (a documented alternative), a weaker capability, or none at all. */
export type Effect = 'exact' | 'degraded' | 'unavailable';

export interface Fallback {
  capability: CentraCapability;
  effect: Effect;
  /** What the service does instead, in words for the operator (doctor, /status, the alert). */
  instead: string;
}

/**
 * Every guessed item our documents read, and what the service does when a live Centra lacks it
 * (docs/centra-setup.md lists the same). An item missing here degrades its document's own capability with a
 * generic consequence, so a new guessed field is never silently treated as harmless.
 */
export const FALLBACKS: Readonly<Record<string, Fallback>> = {
  'Order.updatedAt': {
    capability: 'orders',
    effect: 'degraded',
    instead: 'a late webhook is judged stale by content hash and orderDate only, so an older order state fetched after a newer one can be re-sent once',
  },
  'Order.returns': {
    capability: 'returns',
    effect: 'exact',
    instead: 'return webhooks are read by id (returns → order); refunded quantities come from OrderLine.returnedQuantity and amounts from the price paid',
  },
  'Return.updatedAt': { capability: 'returns', effect: 'exact', instead: 'not needed: the order is re-read whole on every return webhook' },
  'ReturnLine.quantity': { capability: 'returns', effect: 'exact', instead: 'refunded quantities come from OrderLine.returnedQuantity' },
  'Return.refundPaymentHistory': { capability: 'returns', effect: 'exact', instead: 'refunded amounts are the price paid for the returned units' },
  'OrderLine.returnedQuantity': { capability: 'returns', effect: 'exact', instead: 'refunded quantities are summed from completed returns (Order.returns)' },
  'ReturnStatus.PENDING': { capability: 'returns', effect: 'exact', instead: 'return states come from OrderLine.returnedQuantity' },
  'ReturnStatus.COMPLETED': { capability: 'returns', effect: 'exact', instead: 'return states come from OrderLine.returnedQuantity' },
  'ShipmentLine.orderLine': {
    capability: 'shipments',
    effect: 'degraded',
    instead: 'shipped quantities per line come from OrderLine.shippedQuantity; the order_shipped event of an order with several shipments lists no lines',
  },
  'OrderLine.shippedQuantity': { capability: 'shipments', effect: 'exact', instead: 'shipped quantities are summed from shipment lines' },
  'Query.shipments': {
    capability: 'shipments',
    effect: 'degraded',
    instead: 'a shipment webhook cannot be traced to its order: the shipment reaches Ometria when the order itself changes or at the next reconciliation',
  },
  'ShipmentFilter.id': {
    capability: 'shipments',
    effect: 'degraded',
    instead: 'a shipment webhook cannot be traced to its order: the shipment reaches Ometria when the order itself changes or at the next reconciliation',
  },
  'CustomerFilter.id': {
    capability: 'customers',
    effect: 'degraded',
    instead: 'a customer webhook is read by the email of its contact: a customer never seen on an order waits for its first order',
  },
  'Customer.isRegistered': {
    capability: 'customers',
    effect: 'degraded',
    instead: "contacts carry no registered flag, and a registered customer's fields no longer win over a guest's of the same email",
  },
  'Customer.createdAt': {
    capability: 'customers',
    effect: 'degraded',
    instead: 'contacts carry no timestamp_acquired, and a customer-level opt-in has no date',
  },
  'Customer.updatedAt': {
    capability: 'customers',
    effect: 'degraded',
    instead: 'of several customers of one email the newest id wins, and an opt-out from a customer flag has no date',
  },
  'Customer.store': { capability: 'customers', effect: 'exact', instead: 'not needed: contacts take their stores from the customer market' },
  'Customer.market': { capability: 'customers', effect: 'degraded', instead: 'customer contacts carry no store_ids (orders still carry their store)' },
  'Customer.newsletter': { capability: 'marketing-consent', effect: 'exact', instead: 'consent comes from newsletter subscriptions and consents' },
  'Customer.newsletterSubscriptions': {
    capability: 'marketing-consent',
    effect: 'exact',
    instead: 'consent comes from the newsletter subscription poll (root newsletterSubscriptions)',
  },
  'Customer.consents': { capability: 'marketing-consent', effect: 'exact', instead: 'consent comes from newsletter subscriptions' },
  'Query.newsletterSubscriptions': {
    capability: 'newsletter',
    effect: 'unavailable',
    instead: 'newsletter-only sign-ups (footer forms) do not reach Ometria; customer-level consent still does where Centra has it',
  },
  'ProductSort.id_ASC': {
    capability: 'catalogue-full',
    effect: 'degraded',
    instead: "products are paged in Centra's default order: a product created during a full sync may wait for the next one",
  },
  'DisplaySort.id_ASC': { capability: 'catalogue-incremental', effect: 'exact', instead: "changed displays are paged in Centra's default order" },
  'ProductSort.updatedAt_DESC': {
    capability: 'catalogue-incremental',
    effect: 'degraded',
    instead: 'changed products are found through changed displays and webhooks only, and by the full sync',
  },
  'Query.displayItems(where:)': {
    capability: 'catalogue-incremental',
    effect: 'degraded',
    instead: "display items are looked up in the catalogue's own index only",
  },
  'DisplayItemFilter.id': { capability: 'catalogue-incremental', effect: 'degraded', instead: "display items are looked up in the catalogue's own index only" },
  'OrderSort.createdAt_DESC': {
    capability: 'backfill',
    effect: 'degraded',
    instead: "each backfill window is paged in Centra's default order instead of newest first, so recent orders may arrive last",
  },
  'Query.customers(sort:)': { capability: 'backfill', effect: 'exact', instead: "customers are listed in Centra's default order" },
  'CustomerSort.id_ASC': { capability: 'backfill', effect: 'exact', instead: "customers are listed in Centra's default order" },
};

/** What a missing item not in FALLBACKS costs: its document's capability loses that piece of data. */
export const unlistedFallback = (capability: CentraCapability): Fallback => ({
  capability,
  effect: 'degraded',
  instead: 'left out of what the service reads; records that would carry it are sent without it',
});
