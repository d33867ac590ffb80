// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectionAttributeId, parseAttributeId } from '../../shared/ids/index.js';
import { parseTrackerBatch, TrackerBatchSchema } from '../../shared/schemas/tracker-events.js';
import { BUILDERS } from '../../tracker/events.js';
import type { CentraOmetria } from '../../tracker/types.js';
import { batches, installed, mockFetch, resetPage, run, sentEvents, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
});
afterEach(resetPage);

type Win = { centraOmetria?: CentraOmetria & { q?: unknown[] } };
const win = window as unknown as Win;

/** The snippet of docs/design.md D28, verbatim. */
const snippet = () =>
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- test only: runs the storefront's inline snippet as written
  new Function('window', 'window.centraOmetria=window.centraOmetria||function(){(window.centraOmetria.q=window.centraOmetria.q||[]).push(arguments)}')(window);

describe('the snippet stub', () => {
  it('replays calls made before load in order, then both call forms work', async () => {
    const f = mockFetch(200);
    snippet();
    win.centraOmetria!('productView', { sku: 'P1' });
    win.centraOmetria!('identify', { email: 'a@example.com' });
    win.centraOmetria!('basket', { id: 'sel', currency: 'gbp', lines: [{ sku: 'P1M', quantity: 1, unitPrice: 10 }] });
    win.centraOmetria!('nonsense', 1, 2);
    expect(win.centraOmetria!.q).toHaveLength(4);

    const api = installed();
    expect(win.centraOmetria).toBe(api);
    api.addToBasket({ sku: 'P1M' });
    win.centraOmetria!('checkout');
    await run(1000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['product_view', 'identify', 'basket', 'add_to_basket', 'checkout']);
  });

  it('keeps forwarding calls pushed through a stub reference kept from before load', async () => {
    const f = mockFetch(200);
    snippet();
    const stub = win.centraOmetria!;
    installed();
    stub('checkout');
    await run(1000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['checkout']);
  });

  it('a second copy of the script keeps the first tracker', () => {
    const first = installed();
    const second = installed();
    expect(second).toBe(first);
    expect(win.centraOmetria).toBe(first);
  });
});

describe('wire format', () => {
  it('builds batches the server schema accepts, with ids normalised by shared/ids', async () => {
    const f = mockFetch(200);
    const t = tracker();
    t.productView({ sku: ' PRD1BLK ', productSku: 'PRD1BLK', name: 'Shirt', price: '49.50', currency: 'gbp' });
    t.collectionView({ collectionId: 12, name: 'Summer', skus: ['A1', ' B2 ', 7] });
    t.collectionView({ collectionId: 'collection:13' });
    t.basket({
      id: 'sel-1',
      currency: 'SEK',
      url: 'https://shop.example.com/basket/restore?id=sel-1&t=abc',
      lines: [
        { sku: 'PRD1BLKM', productSku: 'PRD1BLK', quantity: 2, unitPrice: 10.5, name: 'Shirt M', url: '/p/shirt', imageUrl: '/i.jpg' },
        { sku: 'PRD2RED', quantity: '1', unitPrice: '5' },
      ],
    });
    t.addToBasket({ sku: 'PRD1BLKM', productSku: 'PRD1BLK', quantity: 2 });
    t.removeFromBasket({ sku: 'PRD2RED' });
    t.identify({ email: ' a@example.com ', customerId: 42 });
    t.checkout();
    t.orderComplete({ orderNumber: 1234 });
    await run(1000);

    const [batch] = batches(f);
    expect(TrackerBatchSchema.safeParse(batch).success).toBe(true);
    expect(batch).toMatchObject({ v: 1, store: 'example.com/uk' });
    expect(batch!.visitorId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(batch!.sentAt).toISOString()).toBe(batch!.sentAt);
    for (const e of batch!.events) {
      expect(e.id).toMatch(/^[0-9a-f]{32}$/);
      expect(e.url).toBe(location.href);
      expect(new Date(e.at).toISOString()).toBe(e.at);
    }
    expect(batch!.events.map((e) => e.data)).toEqual([
      { sku: 'PRD1BLK', productSku: 'PRD1BLK', name: 'Shirt', price: 49.5, currency: 'GBP' },
      { collectionId: 'collection:12', name: 'Summer', skus: ['A1', 'B2', '7'] },
      { collectionId: 'collection:13' },
      {
        id: 'sel-1',
        currency: 'SEK',
        total: 26,
        url: 'https://shop.example.com/basket/restore?id=sel-1&t=abc',
        lines: [
          { sku: 'PRD1BLKM', productSku: 'PRD1BLK', quantity: 2, unitPrice: 10.5, name: 'Shirt M', url: '/p/shirt', imageUrl: '/i.jpg' },
          { sku: 'PRD2RED', quantity: 1, unitPrice: 5 },
        ],
      },
      { sku: 'PRD1BLKM', productSku: 'PRD1BLK', quantity: 2 },
      { sku: 'PRD2RED', quantity: 1 },
      { email: 'a@example.com', customerId: '42' },
      {},
      { orderNumber: '1234' },
    ]);
    const ids = batch!.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps a collection id as given exactly when shared/ids parseAttributeId reads it as a collection attribute id', () => {
    const [build] = BUILDERS.collectionView;
    const given = [13, 'collection:13', ' collection:13 ', 'collection : 13', 'collection:\t x', 'collection:a:b', 'collection:\u00a0y', '\ufeffcollection:1'];
    const prefixed = [
      'collection:',
      'collection:\u00a0',
      'Collection:1',
      ':13',
      'collectionx:1',
      'x collection:1',
      'category:5',
      'brand:x',
      'collection\n:',
      'c:1',
    ];
    for (const id of [...given, ...prefixed]) {
      const c = String(id).trim();
      const expected = parseAttributeId(c)?.kind == 'collection' ? c : collectionAttributeId(c);
      expect((build({ collectionId: id }) as { collectionId: string }).collectionId, JSON.stringify(id)).toBe(expected);
    }
  });

  it('cuts strings to 512 characters and lists to 100 entries', async () => {
    const f = mockFetch(200);
    const t = tracker();
    history.replaceState(null, '', '/p?' + 'x'.repeat(600));
    t.productView({ sku: 'S'.repeat(600), name: 'n'.repeat(600) });
    t.basket({ id: 'b', currency: 'GBP', total: 1, lines: Array.from({ length: 120 }, (_, i) => ({ sku: `S${i}`, quantity: 1, unitPrice: 0 })) });
    await run(1000);
    const [pv, basket] = sentEvents(f);
    expect(pv!.url).toHaveLength(512);
    expect((pv!.data as { sku: string }).sku).toHaveLength(512);
    expect((basket!.data as { lines: unknown[] }).lines).toHaveLength(100);
    expect(TrackerBatchSchema.safeParse(batches(f)[0]).success).toBe(true);
  });

  it('passes the identify token from the storefront backend through to /collect untouched', async () => {
    const f = mockFetch(200);
    const token = `v1.1717430400.${'ab'.repeat(32)}`;
    tracker().identify({ email: 'a@example.com', customerId: 42, token });
    await run(1000);
    const [batch] = batches(f);
    expect(TrackerBatchSchema.safeParse(batch).success).toBe(true);
    expect(batch!.events[0]!.data).toEqual({ email: 'a@example.com', customerId: '42', token });
  });

  it('ignores calls without their required fields', async () => {
    const f = mockFetch(200);
    const t = tracker();
    t.productView({} as never);
    t.productView({ sku: '   ' });
    t.collectionView({ collectionId: '' });
    t.basket({ id: 'b', currency: 'pounds', lines: [] });
    t.basket({ currency: 'GBP', lines: [] } as never);
    t.identify({ email: 'not-an-email' });
    t.orderComplete({} as never);
    t.addToBasket({ sku: { toString: () => 'x' } } as never);
    await run(5000);
    expect(f).not.toHaveBeenCalled();
  });

  it('parseTrackerBatch accepts a real batch', async () => {
    const f = mockFetch(200);
    tracker().checkout();
    await run(1000);
    const parsed = parseTrackerBatch(batches(f)[0]);
    expect(parsed.ok && parsed.events.length === 1 && parsed.rejected.length === 0).toBe(true);
  });
});

describe('never throws into the page', () => {
  it('with bad arguments', () => {
    const t = tracker();
    const weird = [
      undefined,
      null,
      0,
      'x',
      [],
      () => 1,
      Symbol('s'),
      { sku: Symbol('s') },
      { lines: 'no' },
      new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
        },
      ),
    ];
    for (const m of ['productView', 'collectionView', 'basket', 'addToBasket', 'removeFromBasket', 'identify', 'checkout', 'orderComplete', 'consent'] as const)
      for (const w of weird) {
        expect(() => (t[m] as (x: unknown) => void)(w)).not.toThrow();
        expect(() => t(m, w as never)).not.toThrow();
      }
    expect(() => t('constructor')).not.toThrow();
    expect(() => t('__proto__')).not.toThrow();
    expect(() => (t as unknown as (...a: unknown[]) => void)(undefined)).not.toThrow();
  });

  it('when fetch, sendBeacon, storage and the Ometria tag all throw', async () => {
    vi.stubGlobal('fetch', () => {
      throw new Error('fetch blocked');
    });
    Object.defineProperty(navigator, 'sendBeacon', {
      value: () => {
        throw new Error('beacon blocked');
      },
      configurable: true,
    });
    for (const m of ['getItem', 'setItem', 'removeItem'] as const)
      vi.spyOn(Storage.prototype, m).mockImplementation(() => {
        throw new Error('storage blocked');
      });
    (window as unknown as { ometria: unknown }).ometria = new Proxy(
      {},
      {
        get() {
          throw new Error('tag broken');
        },
      },
    );
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    const t = tracker();
    expect(() => {
      t.productView({ sku: 'P1' });
      t.basket({ id: 'b', currency: 'GBP', lines: [{ sku: 'S', quantity: 1, unitPrice: 1 }] });
      t.identify({ email: 'a@example.com' });
      t.orderComplete({ orderNumber: 1 });
      t.consent(true);
      t.consent(false);
      t.consent(true);
      window.dispatchEvent(new Event('pagehide'));
      history.pushState(null, '', '/elsewhere');
      document.dispatchEvent(new CustomEvent('ometria:basket', { detail: null }));
    }).not.toThrow();
    await run(700_000);
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
  });

  it('when a fetch promise rejects with no sendBeacon available', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    mockFetch(new TypeError('offline'));
    const t = tracker();
    t.checkout();
    window.dispatchEvent(new Event('pagehide'));
    await run(10_000);
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
  });
});
