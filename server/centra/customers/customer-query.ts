/**
 * The customer selection. Every document built here is validated against contracts/centra-integration.graphql
 * by test/centra-queries.test.ts. Consent fields are guessed names [INF]: see centra-customer.ts.
 */
export const CUSTOMER_FRAGMENT = /* GraphQL */ `
  fragment CustomerFields on Customer {
    id
    email
    firstName
    lastName
    gender
    phoneNumber
    isRegistered
    createdAt
    updatedAt
    billingAddress {
      country {
        code
      }
    }
    store {
      id
    }
    market {
      id
    }
    newsletter
    newsletterSubscriptions {
      isActive
      createdAt
      productVariant {
        id
      }
    }
    consents {
      key
      consented
      createdAt
      updatedAt
    }
    attributes {
      type {
        name
      }
      elements {
        key
        ... on AttributeStringElement {
          value
        }
        ... on AttributeChoiceElement {
          selectedValue
          selectedValueName
        }
      }
    }
  }
`;

/** Centra keeps at most two customers per email (guest + registered); the limit leaves room for surprises. */
export const CUSTOMERS_PER_EMAIL_LIMIT = 10;

/** Many customers in one request, one alias each (docs/design.md D12): `c4: customers(where: {id: [4]}, limit: 1)`. */
export function buildCustomersByIdQuery(ids: readonly number[]): string {
  const bad = ids.find((id) => !Number.isSafeInteger(id) || id < 0);
  if (bad !== undefined) throw new RangeError(`Centra customer id must be a non-negative integer, got ${bad}`);
  const fields = ids.map((id) => `  c${id}: customers(where: { id: [${id}] }, limit: 1) { ...CustomerFields }`);
  return `query CustomersById {\n${fields.join('\n')}\n}\n${CUSTOMER_FRAGMENT}`;
}

/** Every customer with one email, passed as a variable so no email is ever spliced into the document. */
export const CUSTOMERS_BY_EMAIL_QUERY = `query CustomersByEmail($email: String!) {
  customers(where: { email: { equals: $email } }, limit: ${CUSTOMERS_PER_EMAIL_LIMIT}) { ...CustomerFields }
}
${CUSTOMER_FRAGMENT}`;
