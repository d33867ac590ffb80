import { describe, expect, it } from 'vitest';
import type { OrderFacts } from '../../server/mapping/contact/order-facts.js';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { storeEngine } from '../helpers/postgres.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();
const history = () => temp.store.customerHistory;
const audit = () => temp.store.consentAudit;

const fact = (overrides: Partial<OrderFacts> = {}): OrderFacts => ({
  orderNumber: 1001,
  contactKey: 'c7',
  orderDate: '2024-03-05T14:30:00.000Z',
  currency: 'GBP',
  netValue: 129.99,
  items: 3,
  fullPriceItems: 2,
  itemsReturned: 1,
  isValid: true,
  ...overrides,
});

describe('customer history store', async () => {
  it.skipIf(storeEngine === 'postgres')('is created by the latest migration', async () => {
    expect(await temp.store.sql.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
  });

  it('gives back the facts it stored, oldest order first, for that contact only', async () => {
    const later = fact({ orderNumber: 1002, orderDate: '2024-04-01T00:00:00.000Z', isValid: false, netValue: 0 });
    expect(await history().upsertOrderFacts([later, fact(), fact({ orderNumber: 2001, contactKey: 'c9' })])).toEqual(['c7', 'c9']);
    expect(await history().factsFor('c7')).toEqual([fact(), later]);
    expect(await history().factsFor('c9')).toHaveLength(1);
    expect(await history().factsFor('c404')).toEqual([]);
  });

  it('replaces an order when a return or cancellation changes it, and says nothing changed for an equal one', async () => {
    await history().upsertOrderFacts([fact()]);
    expect(await history().upsertOrderFacts([fact()])).toEqual([]);
    expect(await history().upsertOrderFacts([fact({ itemsReturned: 2, netValue: 80 })])).toEqual(['c7']);
    expect(await history().factsFor('c7')).toEqual([fact({ itemsReturned: 2, netValue: 80 })]);
  });

  it('names both contacts when an order moves to another contact key, so both are recomputed', async () => {
    await history().upsertOrderFacts([fact()]);
    expect(await history().upsertOrderFacts([fact({ contactKey: 'c8' })])).toEqual(['c7', 'c8']);
    expect(await history().factsFor('c7')).toEqual([]);
  });

  it('refuses an order date that is not a date-time', async () => {
    await expect(history().upsertOrderFacts([fact({ orderDate: 'soon' })])).rejects.toThrow(RangeError);
  });
});

describe('consent audit store', async () => {
  const optIn = { state: 'in' as const, at: '2024-01-15T11:00:00.000Z', source: 'customer:31:consent:newsletter', customerId: 31 };
  const optOut = { state: 'out' as const, at: '2024-02-10T08:00:00.000Z', source: 'customer:21:consent:newsletter', customerId: 21 };

  it('knows nothing before anything was pushed, and only pushed states afterwards', async () => {
    expect(await audit().lastKnown('c20')).toBeUndefined();
    const id = await audit().record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    expect(await audit().lastKnown('c20'), 'recorded but not yet acknowledged by Ometria').toBeUndefined();
    expect(await audit().markPushed('c20', 2_000, id)).toBe(true);
    expect(await audit().lastKnown('c20')).toEqual(optIn);
  });

  it('keeps the history of who changed what and when Ometria learned it', async () => {
    await audit().record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    await audit().markPushed('c20', 1_500);
    await audit().record({ contactKey: 'c20', from: optIn, to: optOut, recordedAt: 3_000 });
    await audit().markPushed('c20', 3_500);
    expect(await audit().lastKnown('c20')).toEqual(optOut);
    expect(await audit().history('c20')).toMatchObject([
      { centraCustomerId: 31, oldState: undefined, newState: 'in', newAt: optIn.at, recordedAt: 1_000, pushedAt: 1_500 },
      { centraCustomerId: 21, source: optOut.source, oldState: 'in', oldAt: optIn.at, newState: 'out', newAt: optOut.at, recordedAt: 3_000, pushedAt: 3_500 },
    ]);
  });

  it('records a retried change once, and leaves a change superseded before any push unpushed', async () => {
    await audit().record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    await audit().record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_100 });
    await audit().record({ contactKey: 'c20', from: undefined, to: optOut, recordedAt: 1_200 });
    expect(await audit().markPushed('c20', 2_000)).toBe(true);
    expect(await audit().markPushed('c20', 2_100), 'already pushed').toBe(false);
    expect((await audit().history('c20')).map((r) => [r.newState, r.pushedAt])).toEqual([
      ['in', undefined],
      ['out', 2_000],
    ]);
    expect(await audit().lastKnown('c20')).toEqual(optOut);
  });

  it('marks only the change the push carried when a newer one was recorded meanwhile', async () => {
    const carried = await audit().record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    await audit().record({ contactKey: 'c20', from: undefined, to: optOut, recordedAt: 1_100 });
    await audit().markPushed('c20', 2_000, carried);
    expect(await audit().lastKnown('c20')).toEqual(optIn);
    expect(await audit().markPushed('c99', 2_000, carried), 'another contact cannot mark it').toBe(false);
  });

  it('keeps an undated state undated', async () => {
    const undated = { state: 'out' as const, source: 'customer:5:consent:marketing', customerId: 5 };
    await audit().record({ contactKey: 'c5', from: undefined, to: undated, recordedAt: 1 });
    await audit().markPushed('c5', 2);
    expect(await audit().lastKnown('c5')).toEqual(undated);
  });
});
