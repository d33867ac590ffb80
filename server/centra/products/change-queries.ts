/**
 * Light look-ups that find which products to refetch. Validated against the contract by test/centra-queries.test.ts.
 */

/** Displays changed since a watermark: a display switched off does not touch its product's updatedAt [INF]. */
export const CHANGED_DISPLAYS_QUERY = /* GraphQL */ `
  query ChangedDisplays($from: DateTimeTz!, $limit: Int!, $page: Int!) {
    displays(where: { updatedAt: { from: $from } }, sort: [id_ASC], limit: $limit, page: $page) {
      id
      product {
        id
      }
    }
  }
`;

/** Webhook display item ids → their products (Checkout API `products`, Storefront `DisplayItems`). */
export const DISPLAY_ITEMS_QUERY = /* GraphQL */ `
  query DisplayItemProducts($ids: [Int!], $limit: Int!) {
    displayItems(where: { id: $ids }, limit: $limit) {
      id
      productVariant {
        id
        product {
          id
        }
      }
    }
  }
`;

/** Set-up data a sync reads once: pricelist currencies and market names, to check the catalogue config. */
export const CATALOGUE_SETUP_QUERY = /* GraphQL */ `
  query CatalogueSetup {
    markets(limit: 500) {
      id
      name
    }
    pricelists(limit: 500) {
      id
      name
      status
      currency {
        code
      }
    }
  }
`;
