import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptTrackerBatch, DEDUPE_WINDOW_MS, sweepTrackerEvents } from '../../server/collect/accept-tracker-batch.js';
import { ledgerProductKeyLookup } from '../../server/jobs/tracker-events/product-key-lookup.js';
import type { TrackerEvent } from '../../shared/tracker-event-types.js';
import { useTempStore } from '../helpers/temp-store.js';
import { batchOf, trackerEvent } from './tracker-batch.js';

const HOUR = 3_600_000;
const limits = { holdMs: 24 * HOUR, holdMax: 3 };
const temp = useTempStore();

const accept = (visitor: string, events: TrackerEvent[], now = 1_000_000) => {
  const b = batchOf(events, visitor);
  return acceptTrackerBatch(temp.store, { v: 1, store: b.store, visitorId: visitor, sentAt: b.sentAt }, events, limits, now);
};
const pending = (visitor: string) => temp.store.trackerEvents.pendingFor(visitor, 100);
const views = (n: number) => Array.from({ length: n }, (_, i) => trackerEvent('product_view', { sku: `P${i}` }));

describe('acceptTrackerBatch', () => {
  it('keeps only the newest ANON_HOLD_MAX events of an anonymous visitor', async () => {
    const visitor = randomUUID();
    const events = views(5);
    expect(await accept(visitor, events)).toMatchObject({ accepted: 5, dropped: 2, queued: false });
    await accept(visitor, [trackerEvent('identify', { customerId: '1' })]);
    expect((await pending(visitor)).map((p) => p.id)).toEqual(events.slice(2).map((e) => e.id));
  });

  it('does not release held events older than ANON_HOLD_HOURS, and the sweep expires them', async () => {
    const visitor = randomUUID();
    const old = views(1);
    await accept(visitor, old, 0);
    expect(await sweepTrackerEvents(temp.store, limits.holdMs, limits.holdMs + 1)).toEqual({ expired: 1, pruned: 0 });
    await accept(visitor, [trackerEvent('identify', { customerId: '1' })], limits.holdMs + 2);
    expect(await pending(visitor)).toEqual([]);
    expect(await temp.store.trackerEvents.counts()).toMatchObject({ expired: 1 });
  });

  it('attributes events to whoever was identified when they happened (a shared computer)', async () => {
    const visitor = randomUUID();
    const [a, b] = views(2);
    await accept(visitor, [trackerEvent('identify', { email: 'ann@example.com' }), a!, trackerEvent('identify', { email: 'bob@example.com' }), b!]);
    expect((await pending(visitor)).map((p) => [p.id, p.identity.email])).toEqual([
      [a!.id, 'ann@example.com'],
      [b!.id, 'bob@example.com'],
    ]);
  });

  it('does not re-apply a repeated identify, which would undo a later change of identity', async () => {
    const visitor = randomUUID();
    const ann = trackerEvent('identify', { email: 'ann@example.com' });
    await accept(visitor, [ann, trackerEvent('identify', { email: 'bob@example.com' })]);
    expect(await accept(visitor, [ann])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await temp.store.trackerEvents.identityOf(visitor))?.identity).toEqual({ email: 'bob@example.com' });
  });

  it('stores no email in the event rows: identify rows keep no body', async () => {
    await accept(randomUUID(), [trackerEvent('identify', { email: 'ann@example.com' })]);
    const rows = await temp.store.sql.all<{ event: string | null }>(`SELECT event FROM tracker_events`);
    expect(rows.map((r) => r.event)).toEqual([null]);
  });

  it('forgets settled event ids after the dedupe window', async () => {
    const visitor = randomUUID();
    await accept(visitor, [trackerEvent('identify', { customerId: '1' })], 0);
    expect((await sweepTrackerEvents(temp.store, limits.holdMs, DEDUPE_WINDOW_MS + 1)).pruned).toBe(1);
  });
});

describe('ledgerProductKeyLookup', () => {
  it('finds the style-colour key of a size SKU among the pushed products, the longest prefix first', async () => {
    for (const id of ['P1', 'P10001BLK', 'P10001BLKM']) await temp.store.ledger.record('product', id, 'h', 0);
    const lookup = ledgerProductKeyLookup(temp.store.ledger);
    expect([await lookup('P10001BLKM'), await lookup('P10001BLK'), await lookup('X9')]).toEqual(['P10001BLK', 'P1', undefined]);
  });
});
