import type { CentraClient } from '../centra-client.js';
import { fetchByAlias, type Fetched } from '../fetch-by-alias.js';
import { normaliseEmail } from '../../mapping/contact/contact-key.js';
import { CentraCustomerSchema, type CentraCustomer } from './centra-customer.js';
import { buildCustomersByIdQuery, CUSTOMERS_BY_EMAIL_QUERY } from './customer-query.js';

export type FetchedCustomer = Fetched<{ customer: CentraCustomer }>;

export type FetchedCustomersByEmail = { status: 'found'; customers: CentraCustomer[] } | { status: 'error'; message: string };

/** Customers by id in one request; one failing or refused id fails only its customer (fetch-by-alias.ts). */
export function fetchCustomersById(client: CentraClient, ids: readonly number[]): Promise<Map<number, FetchedCustomer>> {
  return fetchByAlias(client, ids, { alias: (id) => `c${id}`, build: buildCustomersByIdQuery, noun: 'customer', read: readCustomer });
}

/** `customers(where: {id: [id]}, limit: 1)` answers a list: empty when Centra has no such customer. */
function readCustomer(rows: unknown): FetchedCustomer {
  if (!Array.isArray(rows)) return { status: 'error', message: 'no data for this customer in the response' };
  if (rows.length === 0) return { status: 'not_found' };
  const parsed = parseCustomer(rows[0]);
  return 'message' in parsed ? { status: 'error', message: parsed.message } : { status: 'found', customer: parsed.customer };
}

/**
 * Every Centra customer with this email (guest and registered, docs/design.md C9), sorted by id.
 * [INF] Centra's `equals` is taken as case-insensitive (MySQL's default collation); the rows are still filtered
 * on the trimmed, lower-cased email so a filter that matched more loosely cannot merge two people.
 */
export async function fetchCustomersByEmail(client: CentraClient, email: string): Promise<FetchedCustomersByEmail> {
  const result = await client.request<{ customers?: unknown[] | null }>(CUSTOMERS_BY_EMAIL_QUERY, { email: email.trim() });
  const rows = result.data?.customers;
  if (result.errors.length > 0 || !Array.isArray(rows)) {
    return { status: 'error', message: result.errors[0]?.message ?? 'no customers in the response' };
  }
  const customers: CentraCustomer[] = [];
  for (const row of rows) {
    const parsed = parseCustomer(row);
    if ('message' in parsed) return { status: 'error', message: parsed.message };
    if (parsed.customer.email && normaliseEmail(parsed.customer.email) === normaliseEmail(email)) customers.push(parsed.customer);
  }
  return { status: 'found', customers: customers.sort((a, b) => a.id - b.id) };
}

function parseCustomer(row: unknown): { customer: CentraCustomer } | { message: string } {
  const parsed = CentraCustomerSchema.safeParse(row);
  if (parsed.success) return { customer: parsed.data };
  const issue = parsed.error.issues[0];
  return { message: `unexpected customer shape: ${issue?.path.join('.')} ${issue?.message}` };
}
