import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderFacts } from '../../server/customers/order-facts.js';
import { openDatabase, type Db } from '../../server/store/open-database.js';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { createConsentAuditStore, type ConsentAuditStore } from '../../server/store/consent-audit-store.js';
import { createCustomerHistoryStore, type CustomerHistoryStore } from '../../server/store/customer-history-store.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let history: CustomerHistoryStore;
let audit: ConsentAuditStore;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(dir.path, { synchronous: 'NORMAL' });
  history = createCustomerHistoryStore(db);
  audit = createConsentAuditStore(db);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const fact = (overrides: Partial<OrderFacts> = {}): OrderFacts => ({
  orderNumber: 1001, contactKey: 'c7', orderDate: '2024-03-05T14:30:00.000Z', currency: 'GBP', netValue: 129.99,
  items: 3, fullPriceItems: 2, itemsReturned: 1, isValid: true, ...overrides,
});

describe('customer history store', () => {
  it('is created by the latest migration', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('gives back the facts it stored, oldest order first, for that contact only', () => {
    const later = fact({ orderNumber: 1002, orderDate: '2024-04-01T00:00:00.000Z', isValid: false, netValue: 0 });
    expect(history.upsertOrderFacts([later, fact(), fact({ orderNumber: 2001, contactKey: 'c9' })])).toEqual(['c7', 'c9']);
    expect(history.factsFor('c7')).toEqual([fact(), later]);
    expect(history.factsFor('c9')).toHaveLength(1);
    expect(history.factsFor('c404')).toEqual([]);
  });

  it('replaces an order when a return or cancellation changes it, and says nothing changed for an equal one', () => {
    history.upsertOrderFacts([fact()]);
    expect(history.upsertOrderFacts([fact()])).toEqual([]);
    expect(history.upsertOrderFacts([fact({ itemsReturned: 2, netValue: 80 })])).toEqual(['c7']);
    expect(history.factsFor('c7')).toEqual([fact({ itemsReturned: 2, netValue: 80 })]);
  });

  it('names both contacts when an order moves to another contact key, so both are recomputed', () => {
    history.upsertOrderFacts([fact()]);
    expect(history.upsertOrderFacts([fact({ contactKey: 'c8' })])).toEqual(['c7', 'c8']);
    expect(history.factsFor('c7')).toEqual([]);
  });

  it('refuses an order date that is not a date-time', () => {
    expect(() => history.upsertOrderFacts([fact({ orderDate: 'soon' })])).toThrow(RangeError);
  });
});

describe('consent audit store', () => {
  const optIn = { state: 'in' as const, at: '2024-01-15T11:00:00.000Z', source: 'customer:31:consent:newsletter', customerId: 31 };
  const optOut = { state: 'out' as const, at: '2024-02-10T08:00:00.000Z', source: 'customer:21:consent:newsletter', customerId: 21 };

  it('knows nothing before anything was pushed, and only pushed states afterwards', () => {
    expect(audit.lastKnown('c20')).toBeUndefined();
    const id = audit.record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    expect(audit.lastKnown('c20'), 'recorded but not yet acknowledged by Ometria').toBeUndefined();
    expect(audit.markPushed('c20', 2_000, id)).toBe(true);
    expect(audit.lastKnown('c20')).toEqual(optIn);
  });

  it('keeps the history of who changed what and when Ometria learned it', () => {
    audit.record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    audit.markPushed('c20', 1_500);
    audit.record({ contactKey: 'c20', from: optIn, to: optOut, recordedAt: 3_000 });
    audit.markPushed('c20', 3_500);
    expect(audit.lastKnown('c20')).toEqual(optOut);
    expect(audit.history('c20')).toMatchObject([
      { centraCustomerId: 31, oldState: undefined, newState: 'in', newAt: optIn.at, recordedAt: 1_000, pushedAt: 1_500 },
      { centraCustomerId: 21, source: optOut.source, oldState: 'in', oldAt: optIn.at, newState: 'out', newAt: optOut.at, recordedAt: 3_000, pushedAt: 3_500 },
    ]);
  });

  it('records a retried change once, and leaves a change superseded before any push unpushed', () => {
    audit.record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    audit.record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_100 });
    audit.record({ contactKey: 'c20', from: undefined, to: optOut, recordedAt: 1_200 });
    expect(audit.markPushed('c20', 2_000)).toBe(true);
    expect(audit.markPushed('c20', 2_100), 'already pushed').toBe(false);
    expect(audit.history('c20').map((r) => [r.newState, r.pushedAt])).toEqual([['in', undefined], ['out', 2_000]]);
    expect(audit.lastKnown('c20')).toEqual(optOut);
  });

  it('marks only the change the push carried when a newer one was recorded meanwhile', () => {
    const carried = audit.record({ contactKey: 'c20', from: undefined, to: optIn, recordedAt: 1_000 });
    audit.record({ contactKey: 'c20', from: undefined, to: optOut, recordedAt: 1_100 });
    audit.markPushed('c20', 2_000, carried);
    expect(audit.lastKnown('c20')).toEqual(optIn);
    expect(audit.markPushed('c99', 2_000, carried), 'another contact cannot mark it').toBe(false);
  });

  it('keeps an undated state undated', () => {
    const undated = { state: 'out' as const, source: 'customer:5:consent:marketing', customerId: 5 };
    audit.record({ contactKey: 'c5', from: undefined, to: undated, recordedAt: 1 });
    audit.markPushed('c5', 2);
    expect(audit.lastKnown('c5')).toEqual(undated);
  });
});
