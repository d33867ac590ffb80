import { LIST_CUSTOMER_IDS_QUERY } from '../customers/customer-ids-query.js';
import { COUNT_ORDERS_QUERY, LIST_ORDERS_QUERY } from '../orders/list-orders-query.js';
import { CATALOGUE_SETUP_QUERY, CHANGED_DISPLAYS_QUERY, DISPLAY_ITEMS_QUERY } from '../products/change-queries.js';
import { buildProductsByIdQuery, PRODUCT_PAGE_QUERY, RECENT_PRODUCTS_QUERY } from '../products/product-query.js';
import { buildCustomersByIdQuery, CUSTOMERS_BY_EMAIL_QUERY } from '../customers/customer-query.js';
import { NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY, NEWSLETTER_SUBSCRIPTIONS_QUERY } from '../newsletter/newsletter-query.js';
import { buildOrdersQuery } from '../orders/order-query.js';
import { buildParentOrdersQuery } from '../orders/parent-orders-query.js';
import { RATE_LIMITS_QUERY } from '../rate-limits-query.js';
import type { CentraCapability } from './capabilities.js';

/**
 * One GraphQL document the service can send to Centra's Integration API. `sample` builds it as the service
 * sends it (with placeholder ids where a real call has its own); `doctor`, the start-up schema check and
 * test/centra-queries.test.ts all read this list, so a document missing here is a document nobody checks.
 */
export interface CentraDocument {
  /** The operation name, unique in the registry. */
  name: string;
  capability: CentraCapability;
  sample: () => string;
  /**
   * `Type.field` coordinates without which the document is useless: their absence makes the capability
   * unavailable instead of degraded. A dropped filter (`where` field) is always essential: without it the
   * query would silently read everything.
   */
  essential?: readonly string[];
  /** What the service does when this document cannot be sent: its capability is then degraded, not unavailable. */
  fallback?: string;
}

export const CENTRA_DOCUMENTS: readonly CentraDocument[] = [
  { name: 'RateLimits', capability: 'rate-limits', sample: () => RATE_LIMITS_QUERY, essential: ['Query.rateLimits'] },
  {
    name: 'OrdersByNumber',
    capability: 'orders',
    sample: () => buildOrdersQuery([14, 15]),
    essential: ['Query.orders', 'Order.number', 'Order.status', 'Order.lines', 'OrderLine.quantity'],
  },
  {
    name: 'ShipmentOrders',
    capability: 'shipments',
    sample: () => buildParentOrdersQuery('shipment', [345]),
    essential: ['Query.shipments', 'Shipment.order', 'Order.number'],
    fallback: 'shipment webhooks are not traced to their order: shipments reach Ometria with the next change of the order or at reconciliation',
  },
  {
    name: 'ReturnOrders',
    capability: 'returns',
    sample: () => buildParentOrdersQuery('return', [315]),
    essential: ['Query.returns', 'Return.order', 'Order.number'],
  },
  {
    name: 'CustomersById',
    capability: 'customers',
    sample: () => buildCustomersByIdQuery([4, 501]),
    essential: ['Query.customers'],
    fallback: 'customer webhooks are read by the email of the contact (CustomersByEmail); customers never seen on an order wait for their first order',
  },
  { name: 'CustomersByEmail', capability: 'customers', sample: () => CUSTOMERS_BY_EMAIL_QUERY, essential: ['Query.customers'] },
  {
    name: 'NewsletterSubscriptions',
    capability: 'newsletter',
    sample: () => NEWSLETTER_SUBSCRIPTIONS_QUERY,
    essential: ['Query.newsletterSubscriptions', 'NewsletterSubscription.id', 'NewsletterSubscription.email', 'NewsletterSubscription.isActive'],
  },
  {
    name: 'NewNewsletterSubscriptions',
    capability: 'newsletter',
    sample: () => NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY,
    essential: ['Query.newsletterSubscriptions', 'NewsletterSubscription.id', 'NewsletterSubscription.email', 'NewsletterSubscription.isActive'],
  },
  { name: 'ProductPage', capability: 'catalogue-full', sample: () => PRODUCT_PAGE_QUERY, essential: ['Query.products'] },
  // Without the sort or Product.updatedAt the walk cannot tell where the watermark is (see recent-products.ts).
  {
    name: 'RecentProducts',
    capability: 'catalogue-incremental',
    sample: () => RECENT_PRODUCTS_QUERY,
    essential: ['Query.products', 'ProductSort.updatedAt_DESC', 'Product.updatedAt'],
    fallback: 'changed products are found through changed displays and product webhooks only, and by the full sync',
  },
  { name: 'ProductsById', capability: 'catalogue-incremental', sample: () => buildProductsByIdQuery([1, 2]), essential: ['Query.product'] },
  {
    name: 'ChangedDisplays',
    capability: 'catalogue-incremental',
    sample: () => CHANGED_DISPLAYS_QUERY,
    essential: ['Query.displays'],
    fallback: 'a display switched on or off without a product change reaches Ometria with the next full sync',
  },
  {
    name: 'DisplayItemProducts',
    capability: 'catalogue-incremental',
    sample: () => DISPLAY_ITEMS_QUERY,
    essential: ['Query.displayItems'],
    fallback:
      "product webhooks are resolved through the catalogue's own index of display items (filled by every sync); an item new since the last sync waits for the catalogue poll",
  },
  { name: 'CatalogueSetup', capability: 'catalogue-full', sample: () => CATALOGUE_SETUP_QUERY, essential: ['Query.markets', 'Query.pricelists'] },
  { name: 'ListOrders', capability: 'backfill', sample: () => LIST_ORDERS_QUERY, essential: ['Query.orders'] },
  { name: 'CountOrders', capability: 'backfill', sample: () => COUNT_ORDERS_QUERY, essential: ['Query.counters'] },
  { name: 'ListCustomerIds', capability: 'backfill', sample: () => LIST_CUSTOMER_IDS_QUERY, essential: ['Query.customers'] },
];
