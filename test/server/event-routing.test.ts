import { describe, expect, it } from 'vitest';
import { acceptDelivery, queuePendingEvents } from '../../server/intake/accept-delivery.js';
import { ROUTED_EVENT_TYPES, routeEvent } from '../../server/intake/event-routing.js';
import { parseDelivery } from '../../server/http/parse-delivery.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();

const form = (payload: object) => Buffer.from(`payload=${encodeURIComponent(JSON.stringify(payload))}`);

describe('event routing (docs/design.md D16)', () => {
  it('queues handled types, keeps known-but-unhandled ones pending, ignores the rest', () => {
    const handled = new Set(['order'] as const);
    expect(routeEvent('order', '14', handled)).toEqual({ state: 'queued', kind: 'order', entityKey: '14' });
    expect(routeEvent('customer', '4', handled)).toEqual({ state: 'pending' });
    expect(routeEvent('account', '3', handled)).toEqual({ state: 'ignored' });
    expect(routeEvent('storefront.DisplayItems', '7', new Set(['product'] as const))).toEqual({
      state: 'queued',
      kind: 'product',
      entityKey: 'display-item:7',
    });
  });

  it('queues pending events once their handler exists, exactly once', async () => {
    const body = form({
      events: [
        { type: 'customer', id: 4 },
        { type: 'customer', id: 4 },
        { type: 'account', id: 1 },
      ],
    });
    await temp.store.transaction((tx) => acceptDelivery(tx, { parsed: parseDelivery(body), rawBody: body, signatureT: 1 }, new Set(['order']), 1_000));
    expect(await temp.store.jobs.countsByState()).toEqual([]);
    expect(await queuePendingEvents(temp.store, new Set(['order', 'customer']), ROUTED_EVENT_TYPES, 2_000)).toBe(2);
    expect(await temp.store.jobs.countsByState()).toEqual([{ kind: 'customer', state: 'pending', n: 1 }]);
    expect(await queuePendingEvents(temp.store, new Set(['order', 'customer']), ROUTED_EVENT_TYPES, 3_000)).toBe(0);
  });
});
