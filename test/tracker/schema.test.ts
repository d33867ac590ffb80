// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  parseTrackerBatch,
  TRACKER_EVENT_TYPES,
  TRACKER_MAX_BODY_BYTES,
  TRACKER_MAX_EVENTS,
  TRACKER_MAX_LINES,
  TRACKER_MAX_STRING,
  TrackerBatchSchema,
  TrackerEventSchema,
} from '../../shared/schemas/tracker-events.js';
import { BUILDERS, separateWords } from '../../tracker/events.js';
import { MAX_BODY, MAX_EVENTS, MAX_LINES, MAX_STRING } from '../../tracker/wire-limits.js';

const id = (n = 1) => n.toString(16).padStart(32, '0');
const at = '2025-01-02T03:04:05.678Z';
const ev = (type: string, data: unknown, n = 1) => ({ id: id(n), type, at, url: 'https://shop.example.com/', data });
const batch = (events: unknown[]) => ({
  v: 1,
  store: 'example.com/uk',
  visitorId: '0b0c6c1e-2f5a-4d2e-9a77-1d8e4f3b2a10',
  sentAt: at,
  events,
});
const line = { sku: 'S1', quantity: 1, unitPrice: 1 };

describe('tracker wire schema', () => {
  it('shares its limits and event types with the tracker', () => {
    expect([MAX_STRING, MAX_LINES, MAX_EVENTS]).toEqual([TRACKER_MAX_STRING, TRACKER_MAX_LINES, TRACKER_MAX_EVENTS]);
    expect(MAX_BODY).toBeLessThan(TRACKER_MAX_BODY_BYTES);
    expect(
      Object.keys(BUILDERS)
        .map((m) => separateWords(m, '_'))
        .sort(),
    ).toEqual([...TRACKER_EVENT_TYPES].sort());
  });

  it('accepts every event type', () => {
    const events = [
      ev('product_view', { sku: 'P1', productSku: 'P', name: 'n', price: 1, currency: 'GBP' }),
      ev('collection_view', { collectionId: 'collection:1', name: 'n', skus: ['a'] }),
      ev('basket', { id: 'b', currency: 'GBP', total: 1, url: '', lines: [line] }),
      ev('add_to_basket', { sku: 'S', quantity: 1 }),
      ev('remove_from_basket', { sku: 'S', productSku: 'P', quantity: 0 }),
      ev('identify', { email: 'a@b.co' }),
      ev('checkout', {}),
      ev('order_complete', { orderNumber: '1' }),
    ];
    expect(TrackerBatchSchema.parse(batch(events)).events).toHaveLength(8);
  });

  it.each([
    ['unknown type', ev('page_view', {})],
    ['unknown data key', ev('checkout', { extra: 1 })],
    ['unknown event key', { ...ev('checkout', {}), extra: 1 }],
    ['bad id', { ...ev('checkout', {}), id: 'A'.repeat(32) }],
    ['string over 512', ev('product_view', { sku: 'x'.repeat(513) })],
    ['over 100 lines', ev('basket', { id: 'b', currency: 'GBP', total: 1, url: '', lines: Array(101).fill(line) })],
    ['over 100 skus', ev('collection_view', { collectionId: 'collection:1', skus: Array(101).fill('a') })],
    ['collection id without prefix', ev('collection_view', { collectionId: '12' })],
    ['lower-case currency', ev('basket', { id: 'b', currency: 'gbp', total: 1, url: '', lines: [] })],
    ['fractional quantity', ev('add_to_basket', { sku: 'S', quantity: 1.5 })],
    ['identify with nothing', ev('identify', {})],
    ['identify with a bad email', ev('identify', { email: 'nope' })],
    ['empty order number', ev('order_complete', { orderNumber: '' })],
  ])('rejects an event with %s', (_name, event) => {
    expect(TrackerEventSchema.safeParse(event).success).toBe(false);
  });

  it('caps a batch at 50 events and needs at least one', () => {
    expect(TrackerBatchSchema.safeParse(batch(Array.from({ length: 50 }, (_, i) => ev('checkout', {}, i)))).success).toBe(true);
    expect(TrackerBatchSchema.safeParse(batch(Array.from({ length: 51 }, (_, i) => ev('checkout', {}, i)))).success).toBe(false);
    expect(TrackerBatchSchema.safeParse(batch([])).success).toBe(false);
  });

  it('parseTrackerBatch rejects single events and keeps the rest', () => {
    const parsed = parseTrackerBatch(batch([ev('checkout', {}, 1), ev('page_view', {}, 2), ev('order_complete', { orderNumber: '5' }, 3)]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.events.map((e) => e.type)).toEqual(['checkout', 'order_complete']);
    expect(parsed.rejected).toMatchObject([{ index: 1, id: id(2) }]);
    expect(parsed.rejected[0]!.issues.length).toBeGreaterThan(0);
  });

  it('parseTrackerBatch fails a bad envelope', () => {
    for (const bad of [null, [], { ...batch([ev('checkout', {})]), v: 2 }, { ...batch([ev('checkout', {})]), visitorId: 'x' }, { ...batch([]), store: '' }])
      expect(parseTrackerBatch(bad).ok).toBe(false);
  });
});
