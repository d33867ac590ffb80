import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOrdersQuery } from '../server/centra/fetch-orders.js';
import { CATALOGUE_SETUP_QUERY, CHANGED_DISPLAYS_QUERY, DISPLAY_ITEMS_QUERY } from '../server/catalogue/change-queries.js';
import { buildProductsByIdQuery, PRODUCT_PAGE_QUERY } from '../server/catalogue/product-query.js';
import { RATE_LIMITS_QUERY } from '../server/centra/live-quota.js';
import { buildCustomersByIdQuery, CUSTOMERS_BY_EMAIL_QUERY } from '../server/customers/customer-query.js';
import { COUNT_ORDERS_QUERY, LIST_ORDERS_QUERY } from '../server/backfill/list-orders-query.js';
import { LIST_CUSTOMER_IDS_QUERY } from '../server/backfill/backfill-customers.js';
import { buildParentOrdersQuery } from '../server/centra/fetch-parent-orders.js';
import { contractPath } from '../server/package-root.js';
import { NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY, NEWSLETTER_SUBSCRIPTIONS_QUERY } from '../server/newsletter/newsletter-query.js';

const schema = buildSchema(readFileSync(contractPath('centra-integration.graphql'), 'utf8'));
const errorsOf = (query: string) => validate(schema, parse(query)).map((e) => e.message);

/** Every Centra query the service sends, as it sends it. */
const QUERIES: Array<[string, string]> = [
  ['one order by number', buildOrdersQuery([14])],
  ['a batch of 50 orders by aliases', buildOrdersQuery(Array.from({ length: 50 }, (_, i) => 1000 + i))],
  ['the live rate-limit quota', RATE_LIMITS_QUERY],
  ['customers by id, one alias each', buildCustomersByIdQuery([4, 501, 502])],
  ['every customer with one email', CUSTOMERS_BY_EMAIL_QUERY],
  ['a page of products (catalogue sync)', PRODUCT_PAGE_QUERY],
  ['50 products by id, by aliases (product jobs)', buildProductsByIdQuery(Array.from({ length: 50 }, (_, i) => 1 + i))],
  ['displays changed since a watermark', CHANGED_DISPLAYS_QUERY],
  ['display items to products (webhooks)', DISPLAY_ITEMS_QUERY],
  ['catalogue set-up: markets and pricelists', CATALOGUE_SETUP_QUERY],
  ['a backfill page of full orders', LIST_ORDERS_QUERY],
  ['a backfill window count', COUNT_ORDERS_QUERY],
  ['a backfill page of customer ids', LIST_CUSTOMER_IDS_QUERY],
  ['shipments → their orders', buildParentOrdersQuery('shipment', [345, 346])],
  ['returns → their orders', buildParentOrdersQuery('return', [315])],
  ['a page of newsletter subscriptions (sweep, first full read)', NEWSLETTER_SUBSCRIPTIONS_QUERY],
  ['newsletter sign-ups created since a watermark', NEW_NEWSLETTER_SUBSCRIPTIONS_QUERY],
];

describe('Centra queries validate against the Integration API contract', () => {
  it.each(QUERIES)('%s', (_name, query) => {
    expect(errorsOf(query)).toEqual([]);
  });

  it('rejects a query with a field the contract does not have, so the check can fail', () => {
    expect(errorsOf('query { orders { id numberr } }')).not.toEqual([]);
  });
});
