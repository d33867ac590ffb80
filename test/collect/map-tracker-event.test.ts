import { describe, expect, it } from 'vitest';
import { mapTrackerEvent, MAX_CLOCK_AHEAD_MS } from '../../server/mapping/tracker-event/map-tracker-event.js';
import { createOpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { checkOmetriaRecord } from '../../server/ometria/ometria-records.js';
import type { TrackerEvent } from '../../shared/tracker-event-types.js';

const validator = createOpenApiValidator();
const ID = '0123456789abcdef0123456789abcdef';
const AT = '2024-06-03T10:00:00.000Z';
const URL = 'https://shop.example.com/p/linen-shirt';
const CATALOGUE: Record<string, string> = { P10001BLKM: 'P10001BLK', P10001BLKL: 'P10001BLK', P10002REDS: 'P10002RED' };
const ctx = {
  store: 'example.com/uk',
  identity: { identity_account_id: 'c1001', identity_email: 'ann@example.com' },
  receivedAt: Date.parse(AT) + 1000,
  productKeyForSku: (sku: string) => CATALOGUE[sku],
};
const ev = (type: TrackerEvent['type'], data: unknown): TrackerEvent => ({ id: ID, type, at: AT, url: URL, data }) as TrackerEvent;
const common = { store: 'example.com/uk', url: URL };

const cases: Array<[string, TrackerEvent, string, Record<string, unknown>]> = [
  [
    "a product view with the page's style-colour key",
    ev('product_view', { sku: 'P10001BLKM', productSku: 'P10001BLK', name: 'Linen shirt', price: 49, currency: 'GBP' }),
    'product_viewed',
    { ...common, product_id: 'P10001BLK', variant_id: 'P10001BLKM', title: 'Linen shirt', price: 49, currency: 'GBP' },
  ],
  [
    'a product view of a size SKU, product id from the catalogue',
    ev('product_view', { sku: 'P10001BLKM' }),
    'product_viewed',
    { ...common, product_id: 'P10001BLK', variant_id: 'P10001BLKM' },
  ],
  [
    'a product view of an id the catalogue does not know, kept as the product id',
    ev('product_view', { sku: 'P10001BLK' }),
    'product_viewed',
    { ...common, product_id: 'P10001BLK' },
  ],
  [
    'a collection view, product ids de-duplicated',
    ev('collection_view', { collectionId: 'collection:3', name: 'Summer', skus: ['P10001BLKM', 'P10001BLKL', 'P10002REDS'] }),
    'collection_viewed',
    { ...common, collection_id: 'collection:3', title: 'Summer', product_ids: ['P10001BLK', 'P10002RED'] },
  ],
  [
    'a basket snapshot with its full lines',
    ev('basket', {
      id: 'sel-1',
      currency: 'GBP',
      total: 147,
      url: 'https://shop.example.com/basket/sel-1',
      lines: [
        { sku: 'P10001BLKM', quantity: 2, unitPrice: 49, name: 'Linen shirt' },
        { sku: 'P10002REDS', productSku: 'P10002RED', quantity: 1, unitPrice: 49, imageUrl: 'https://cdn.example.com/r.jpg' },
      ],
    }),
    'basket_updated',
    {
      ...common,
      basket_id: 'sel-1',
      currency: 'GBP',
      total: 147,
      basket_url: 'https://shop.example.com/basket/sel-1',
      item_count: 3,
      product_ids: ['P10001BLK', 'P10002RED'],
      lines: [
        { product_id: 'P10001BLK', variant_id: 'P10001BLKM', quantity: 2, unit_price: 49, title: 'Linen shirt' },
        { product_id: 'P10002RED', variant_id: 'P10002REDS', quantity: 1, unit_price: 49, image_url: 'https://cdn.example.com/r.jpg' },
      ],
    },
  ],
  [
    'an emptied basket without a restore URL',
    ev('basket', { id: 'sel-1', currency: 'SEK', total: 0, url: '', lines: [] }),
    'basket_updated',
    { ...common, basket_id: 'sel-1', currency: 'SEK', total: 0, item_count: 0, product_ids: [], lines: [] },
  ],
  [
    'an add to basket',
    ev('add_to_basket', { sku: 'P10001BLKM', quantity: 1 }),
    'added_to_basket',
    { ...common, product_id: 'P10001BLK', variant_id: 'P10001BLKM', quantity: 1 },
  ],
  [
    'a removal from the basket',
    ev('remove_from_basket', { sku: 'P10002REDS', productSku: 'P10002RED', quantity: 2 }),
    'removed_from_basket',
    { ...common, product_id: 'P10002RED', variant_id: 'P10002REDS', quantity: 2 },
  ],
  ['a checkout', ev('checkout', {}), 'checkout_started', common],
  ['an order completion', ev('order_complete', { orderNumber: '100023' }), 'order_completed', { ...common, order_number: '100023' }],
];

describe('mapTrackerEvent', () => {
  it.each(cases)('maps %s', (_name, event, eventType, properties) => {
    const record = mapTrackerEvent(event, ctx);
    expect(record).toEqual({
      '@type': 'custom_event',
      id: ID,
      event_type: eventType,
      timestamp: AT,
      identity_account_id: 'c1001',
      identity_email: 'ann@example.com',
      properties,
    });
    expect(checkOmetriaRecord(record!)).toEqual({ ok: true });
    expect(validator.validate(record)).toEqual([]);
  });

  it('does not forward identify: it becomes the identity of the other events', () => {
    expect(mapTrackerEvent(ev('identify', { email: 'ann@example.com' }), ctx)).toBeUndefined();
  });

  it('normalises an event time with an offset to UTC', () => {
    const event = { ...ev('checkout', {}), at: '2024-06-03T12:00:00+02:00' };
    expect(mapTrackerEvent(event, ctx)!.timestamp).toBe(AT);
  });

  it('uses the receipt time when the browser clock runs ahead', () => {
    const ahead = new Date(ctx.receivedAt + MAX_CLOCK_AHEAD_MS + 1).toISOString();
    const event = { ...ev('checkout', {}), at: ahead };
    expect(mapTrackerEvent(event, ctx)!.timestamp).toBe(new Date(ctx.receivedAt).toISOString());
  });

  it('sends only the identity it has', () => {
    const record = mapTrackerEvent(ev('checkout', {}), { ...ctx, identity: { identity_email: 'ann@example.com' } });
    expect(record).not.toHaveProperty('identity_account_id');
    expect(record!.identity_email).toBe('ann@example.com');
  });
});
