// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BASKET_PAGE_MS } from '../../tracker/ometria.js';
import { mockFetch, resetPage, run, STORE, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
  mockFetch(200);
});
afterEach(resetPage);

/** A stand-in for Ometria's web tag that records every call (docs/design.md O10). */
function fakeOmetria() {
  const calls: unknown[][] = [];
  class Basket {
    constructor() {
      calls.push(['new Basket']);
    }
    setId(...a: unknown[]) {
      calls.push(['basket.setId', ...a]);
    }
    setTotal(...a: unknown[]) {
      calls.push(['basket.setTotal', ...a]);
    }
    addLineItem(...a: unknown[]) {
      calls.push(['basket.addLineItem', ...a]);
    }
    setUrl(...a: unknown[]) {
      calls.push(['basket.setUrl', ...a]);
    }
  }
  const rec =
    (name: string) =>
    (...a: unknown[]) => {
      calls.push([name, ...a]);
    };
  (window as unknown as { ometria: unknown }).ometria = {
    Basket,
    init: rec('init'),
    identify: rec('identify'),
    setBasket: (b: unknown) => calls.push(['setBasket', b instanceof Basket]),
    trackAddToBasket: rec('trackAddToBasket'),
    trackTransaction: rec('trackTransaction'),
  };
  return calls;
}

const basket = {
  id: 'sel-9',
  currency: 'GBP',
  total: 35.97,
  url: 'https://shop.example.com/basket/restore/sel-9?token=t',
  lines: [
    { sku: 'PRD1BLKM', productSku: 'PRD1BLK', quantity: 3, unitPrice: 9.99 },
    { sku: 'PRD2RED', quantity: 1, unitPrice: 6 },
  ],
};

describe('the Ometria tag bridge', () => {
  it('product page: init("product", {pid}) with the store id, once per page', () => {
    const calls = fakeOmetria();
    const t = tracker();
    t.productView({ sku: 'PRD1BLKM', productSku: 'PRD1BLK' });
    t.productView({ sku: 'OTHER' });
    expect(calls).toEqual([['init', 'product', { pid: 'PRD1BLK' }, STORE]]);
  });

  it('listing page: init("listing") with the collection attribute', () => {
    const calls = fakeOmetria();
    tracker().collectionView({ collectionId: 12 });
    expect(calls).toEqual([['init', 'listing', { attributes: [{ id: 'collection:12', type: 'collection' }] }, STORE]]);
  });

  it('basket: an ometria.Basket with id, total, lines (product id, quantity, line total, variant id) and the restore URL', () => {
    const calls = fakeOmetria();
    tracker().basket(basket);
    expect(calls).toEqual([
      ['new Basket'],
      ['basket.setId', 'sel-9'],
      ['basket.setTotal', 35.97, 'GBP'],
      ['basket.addLineItem', 'PRD1BLK', 3, 29.97, 'PRD1BLKM'],
      ['basket.addLineItem', 'PRD2RED', 1, 6, 'PRD2RED'],
      ['basket.setUrl', 'https://shop.example.com/basket/restore/sel-9?token=t'],
      ['setBasket', true],
    ]);
  });

  it('sets the basket on every change, including an emptied one', () => {
    const calls = fakeOmetria();
    const t = tracker();
    t.basket(basket);
    t.basket({ ...basket, total: 0, lines: [] });
    expect(calls.filter((c) => c[0] === 'setBasket')).toHaveLength(2);
  });

  it('a page with only a basket snapshot becomes a "basket" page', async () => {
    const calls = fakeOmetria();
    tracker().basket(basket);
    await run(BASKET_PAGE_MS);
    expect(calls.filter((c) => c[0] === 'init')).toEqual([['init', 'basket', {}, STORE]]);
  });

  it('a mini-cart snapshot before the product view does not make a product page a basket page', async () => {
    const calls = fakeOmetria();
    const t = tracker();
    t.basket(basket);
    await run(100);
    t.productView({ sku: 'PRD1BLK' });
    await run(BASKET_PAGE_MS * 2);
    expect(calls.filter((c) => c[0] === 'init')).toEqual([['init', 'product', { pid: 'PRD1BLK' }, STORE]]);
  });

  it('confirmation page: init("confirmation") then trackTransaction(order number)', () => {
    const calls = fakeOmetria();
    tracker().orderComplete({ orderNumber: 1001 });
    expect(calls).toEqual([
      ['init', 'confirmation', {}, STORE],
      ['trackTransaction', '1001'],
    ]);
  });

  it('checkout page, identify(email), trackAddToBasket(product id, quantity)', () => {
    const calls = fakeOmetria();
    const t = tracker();
    t.checkout();
    t.identify({ email: 'a@example.com', customerId: 5, token: `v1.1.${'0'.repeat(64)}` }); // the tag gets the email alone, as before
    t.identify({ customerId: 5 }); // no email: nothing for the tag
    t.addToBasket({ sku: 'PRD1BLKM', productSku: 'PRD1BLK', quantity: 2 });
    t.addToBasket({ sku: 'PRD3' });
    t.removeFromBasket({ sku: 'PRD3' });
    expect(calls).toEqual([
      ['init', 'checkout', {}, STORE],
      ['identify', 'a@example.com'],
      ['trackAddToBasket', 'PRD1BLK', 2],
      ['trackAddToBasket', 'PRD3', 1],
    ]);
  });

  it('a SPA navigation starts a new page: init runs again', () => {
    const calls = fakeOmetria();
    const t = tracker();
    t.productView({ sku: 'A' });
    history.pushState(null, '', '/p/b');
    t.productView({ sku: 'B' });
    history.replaceState(null, '', '/p/b?colour=red'); // same path: same page
    t.productView({ sku: 'C' });
    expect(calls.filter((c) => c[0] === 'init').map((c) => (c[2] as { pid: string }).pid)).toEqual(['A', 'B']);
  });

  it('does nothing when the tag is absent, and survives a tag that throws', async () => {
    const f = mockFetch(200);
    const t = tracker();
    t.basket(basket); // no window.ometria
    (window as unknown as { ometria: unknown }).ometria = {
      init() {
        throw new Error('boom');
      },
      Basket: class {
        constructor() {
          throw new Error('boom');
        }
      },
      trackTransaction() {
        throw new Error('boom');
      },
    };
    expect(() => {
      t.basket(basket);
      t.orderComplete({ orderNumber: 1 });
    }).not.toThrow();
    await run(1000);
    expect(f.mock.calls.length).toBe(1); // our own delivery is unaffected
  });
});
