import type { CentraCustomer } from '../../centra/customers/centra-customer.js';

/**
 * The records of one email in the order their fields win: registered before guest, then the most recently
 * updated, then the highest id (the newer record) so the order never depends on how Centra listed them.
 * Undated or unreadable updatedAt sorts last among its kind.
 */
export function byPrecedence(customers: readonly CentraCustomer[]): CentraCustomer[] {
  return [...customers].sort((a, b) => Number(b.isRegistered === true) - Number(a.isRegistered === true) || updatedMs(b) - updatedMs(a) || b.id - a.id);
}

/** The first value a record in precedence order has: a guest's value fills a blank on the registered record. */
export function firstOf<T>(ordered: readonly CentraCustomer[], pick: (c: CentraCustomer) => T | undefined): T | undefined {
  for (const customer of ordered) {
    const value = pick(customer);
    if (value !== undefined) return value;
  }
  return undefined;
}

function updatedMs(customer: CentraCustomer): number {
  const ms = Date.parse(customer.updatedAt ?? '');
  return Number.isNaN(ms) ? -Infinity : ms;
}
