/**
 * The catalogue selection. Every document built here is validated against contracts/centra-integration.graphql
 * by test/centra-queries.test.ts. Displays are read whatever their status: an inactive display must reach
 * Ometria as `is_active: false`, not vanish.
 */
export const PRODUCT_FRAGMENT = /* GraphQL */ `
  fragment CustomAttributes on Attribute {
    type {
      name
    }
    elements {
      key
      kind
      ... on AttributeStringElement {
        value
      }
      ... on AttributeChoiceElement {
        selectedValue
        selectedValueName
      }
    }
  }
  fragment ProductFields on Product {
    id
    name
    status
    productNumber
    updatedAt
    brand {
      id
      name
    }
    collection {
      id
      name
    }
    attributes {
      ...CustomAttributes
    }
    variants {
      id
      name
      status
      variantNumber
      attributes {
        ...CustomAttributes
      }
      productSizes {
        id
        sizeNumber
        description
        SKU
        EAN
        stockTotals {
          availableQuantity
        }
      }
    }
    displays {
      id
      name
      uri
      status
      categories {
        id
        name
      }
      canonicalCategory {
        id
      }
      markets {
        id
      }
      prices {
        pricelist {
          id
        }
        productVariant {
          id
        }
        price {
          value
          currency {
            code
          }
        }
        recommendedRetailPrice {
          value
        }
      }
      media {
        source(sizeName: "standard") {
          url
        }
      }
      displayItems {
        id
        productVariant {
          id
        }
      }
    }
  }
`;

/**
 * One page of products for a full sync. Sorted by id, not updatedAt: a product updated while we page stays
 * where it was, so no page boundary skips one (with updatedAt_DESC it would jump to page 1 and push the others
 * down). `id_ASC` is a guessed sort value; the adaptive-document layer deals with its absence.
 */
export const PRODUCT_PAGE_QUERY = /* GraphQL */ `
  query ProductPage($where: ProductFilter, $limit: Int!, $page: Int!) {
    products(where: $where, sort: [id_ASC], limit: $limit, page: $page) {
      ...ProductFields
    }
  }
  ${PRODUCT_FRAGMENT}
`;

/**
 * One page of products, most recently updated first: the incremental walk (recent-products.ts) reads pages
 * from 1 until it passes the watermark. ProductFilter has no `updatedAt` (Centra added it to the Display,
 * ProductVariant and ProductSize filters and to ProductSort only), so the sort does the work of a filter.
 * No `where` either: a status filter would let a product that turns CANCELLED mid-walk drop out of the list
 * and shift an unread product onto a page already read; without it, it moves to page 1 like any update.
 * Statuses are filtered on our side instead. This also keeps the document off the guessed `ProductFilter` name.
 * `id_DESC` (documented) breaks ties: a bulk import stamps many products with the same second, and without a
 * stable order among them a page boundary could show one twice and another never.
 */
export const RECENT_PRODUCTS_QUERY = /* GraphQL */ `
  query RecentProducts($limit: Int!, $page: Int!) {
    products(sort: [updatedAt_DESC, id_DESC], limit: $limit, page: $page) {
      ...ProductFields
    }
  }
  ${PRODUCT_FRAGMENT}
`;

/** Products by id, one alias each (docs/design.md D12): `p7: product(id: 7)` is valid whatever Centra's filters take. */
export function buildProductsByIdQuery(ids: readonly number[]): string {
  const fields = ids.map((id) => `  p${id}: product(id: ${id}) { ...ProductFields }`);
  return `query ProductsById {\n${fields.join('\n')}\n}\n${PRODUCT_FRAGMENT}`;
}
