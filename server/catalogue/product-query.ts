/**
 * The catalogue selection. Every document built here is validated against contracts/centra-integration.graphql
 * by test/centra-queries.test.ts. Displays are read whatever their status: an inactive display must reach
 * Ometria as `is_active: false`, not vanish.
 */
export const PRODUCT_FRAGMENT = /* GraphQL */ `
fragment CustomAttributes on Attribute {
  type { name }
  elements {
    key kind
    ... on AttributeStringElement { value }
    ... on AttributeChoiceElement { selectedValue selectedValueName }
  }
}
fragment ProductFields on Product {
  id name status productNumber updatedAt
  brand { id name }
  collection { id name }
  attributes { ...CustomAttributes }
  variants {
    id name status variantNumber
    attributes { ...CustomAttributes }
    productSizes {
      id sizeNumber description SKU EAN
      stockTotals { availableQuantity freeToAllocateQuantity }
    }
  }
  displays {
    id name uri status
    categories { id name }
    canonicalCategory { id }
    markets { id }
    prices {
      pricelist { id }
      productVariant { id }
      price { value currency { code } }
      recommendedRetailPrice { value }
    }
    media { source(sizeName: "standard") { url } }
    displayItems { id productVariant { id } }
  }
}
`;

/**
 * One page of products. Sorted by id, not updatedAt: a product updated while we page stays where it was, so
 * no page boundary skips one (with updatedAt_DESC it would jump to page 1 and push the others down).
 */
export const PRODUCT_PAGE_QUERY = /* GraphQL */ `
query ProductPage($where: ProductFilter, $limit: Int!, $page: Int!) {
  products(where: $where, sort: [id_ASC], limit: $limit, page: $page) { ...ProductFields }
}
${PRODUCT_FRAGMENT}`;

/** Products by id, one alias each (decisions.md 12): `p7: product(id: 7)` is valid whatever Centra's filters take. */
export function buildProductsByIdQuery(ids: readonly number[]): string {
  const fields = ids.map((id) => `  p${id}: product(id: ${id}) { ...ProductFields }`);
  return `query ProductsById {\n${fields.join('\n')}\n}\n${PRODUCT_FRAGMENT}`;
}
