import { COUNTRIES } from '../build/countries.js';
import type { SimData } from '../data/sim-data.js';
import type { SimCustomer } from '../types/index.js';
import { createPrng } from './prng.js';
import { SEED_IDS } from './seed-setup.js';
import { FIRST_NAMES, LAST_NAMES, emailPart } from './vocabulary.js';

export interface SeedCustomersOptions {
  count: number;
  seed?: number;
  /** Every n-th registered customer also has a guest twin with the same email. Default 25. */
  guestTwinEvery?: number;
  /** Customers are created in the days before this instant. Default 2024-01-01T00:00:00Z. */
  before?: string;
}

/**
 * Customers in market 1 (UK, 70 %) or 2 (SE). Guest checkout in Centra creates a second,
 * unregistered customer with the same email, so some emails appear twice (docs/design.md C9).
 * Returns the customers added; `count` counts registered ones, twins come on top.
 */
export function seedCustomers(data: SimData, options: SeedCustomersOptions): SimCustomer[] {
  const rng = createPrng((options.seed ?? 1) + 7919);
  const every = options.guestTwinEvery ?? 25;
  const before = Date.parse(options.before ?? '2024-01-01T00:00:00Z');
  let id = data.customers.values().reduce((max, c) => Math.max(max, c.id), 0) + 1;
  const added: SimCustomer[] = [];
  for (let i = 0; i < options.count; i++) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const uk = rng.chance(0.7);
    const market = uk ? SEED_IDS.ukMarket : SEED_IDS.seMarket;
    const email = `${emailPart(firstName)}.${emailPart(lastName)}${id}@example.com`;
    const stamp = data.stamp(before - rng.int(1, 400) * 86_400_000);
    const base = {
      email,
      firstName,
      lastName,
      phoneNumber: uk ? `+44 7700 ${String(900000 + id).slice(-6)}` : `+46 70 ${String(1000000 + id).slice(-7)}`,
      billingAddress: {
        firstName,
        lastName,
        address1: `${rng.int(1, 200)} ${uk ? 'High Street' : 'Storgatan'}`,
        city: uk ? 'London' : 'Stockholm',
        zipCode: uk ? 'EC1A 1BB' : '111 22',
        country: uk ? COUNTRIES.GB : COUNTRIES.SE,
        email,
      },
      store: { id: SEED_IDS.dtcStore },
      market: { id: market },
      pricelist: { id: market },
      createdAt: stamp,
      updatedAt: stamp,
      newsletterSubscriptions: [],
      consents: [],
    };
    const registered: SimCustomer = { ...base, id: id++, isRegistered: true, newsletter: rng.chance(0.4) };
    added.push(registered);
    if (every > 0 && i % every === every - 1) added.push({ ...base, id: id++, isRegistered: false, newsletter: false });
  }
  for (const customer of added) data.customers.add(customer);
  return added;
}
