/**
 * The order selection we fetch after a webhook. Every document built from it is validated against
 * contracts/centra-integration.graphql by test/centra-queries.test.ts.
 */
export const ORDER_FRAGMENTS = /* GraphQL */ `
  fragment OrderAddress on Address {
    firstName
    lastName
    address1
    address2
    city
    zipCode
    stateOrProvince
    country {
      code
    }
    state {
      code
    }
    email
    phoneNumber
  }
  fragment OrderFields on Order {
    __typename
    id
    number
    status
    isOnHold
    createdAt
    orderDate
    updatedAt
    store {
      id
      type
    }
    market {
      id
      name
    }
    grandTotal {
      value
      currency {
        code
      }
    }
    totals {
      shipping {
        value
      }
      handling {
        value
      }
      taxAdded {
        value
      }
      taxIncluded {
        value
      }
    }
    discountsApplied {
      value {
        value
      }
      ... on AppliedDiscount {
        discount {
          code
          name
        }
      }
    }
    paymentMethod {
      uri
      plugin
    }
    shippingPriceGroup {
      shippingOption {
        uri
        name
      }
    }
    lines(includeFullyCancelled: true) {
      id
      product {
        id
        productNumber
        name
      }
      productVariant {
        id
        variantNumber
        name
      }
      productSize {
        SKU
        sizeNumber
        description
      }
      productName
      productVariantName
      quantity
      cancelledQuantity
      returnedQuantity
      shippedQuantity
      unitOriginalPrice {
        value
      }
      unitPrice {
        value
      }
      lineValue {
        value
      }
      taxPercent
    }
    shippingAddress {
      ...OrderAddress
    }
    billingAddress {
      ...OrderAddress
    }
    ... on DirectToConsumerOrder {
      customer {
        id
        email
        firstName
        lastName
        phoneNumber
      }
    }
    shipments {
      id
      number
      createdAt
      updatedAt
      isShipped
      shippedAt
      trackingNumber
      carrierInformation {
        carrierName
        serviceName
      }
      lines {
        id
        quantity
        orderLine {
          id
        }
      }
    }
    returns {
      id
      status
      returnStatus
      createdAt
      updatedAt
      lines {
        id
        quantity
        orderLine {
          id
        }
        shipmentLine {
          id
          orderLine {
            id
          }
        }
      }
      refundPaymentHistory {
        entryType
        status
        value {
          value
        }
      }
    }
  }
`;

/**
 * Many orders in one request, one alias each (docs/design.md D12): `o14: orders(where: {number: 14}, limit: 1)`.
 * Valid whether or not Centra's filter takes a list. Held orders are hidden by Centra, so they read as not found.
 */
export function buildOrdersQuery(numbers: readonly number[]): string {
  const fields = numbers.map((n) => `  o${n}: orders(where: { number: ${n} }, limit: 1) { ...OrderFields }`);
  return `query OrdersByNumber {\n${fields.join('\n')}\n}\n${ORDER_FRAGMENTS}`;
}
