// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, resetPage, run, sentEvents, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
});
afterEach(resetPage);

const types = (f: ReturnType<typeof mockFetch>) => sentEvents(f).map((e) => [e.type, e.data, new URL(e.url).pathname]);

describe('declarative capture (data-ometria-*)', () => {
  it('reports a product page from data-ometria-product-sku', async () => {
    const f = mockFetch(200);
    document.body.innerHTML = '<main data-ometria-product-sku=" PRD1BLK "><h1>Shirt</h1></main>';
    tracker();
    await run(1100);
    expect(types(f)).toEqual([['product_view', { sku: 'PRD1BLK' }, '/']]);
  });

  it('reports a collection page with its name, as a collection:<id> attribute id', async () => {
    const f = mockFetch(200);
    document.body.innerHTML = '<section data-ometria-collection-id="12" data-ometria-collection-name="Summer"></section>';
    tracker();
    await run(1100);
    expect(types(f)).toEqual([['collection_view', { collectionId: 'collection:12', name: 'Summer' }, '/']]);
  });

  it('captures elements rendered after the script ran, once per page', async () => {
    const f = mockFetch(200);
    tracker();
    await run(200);
    const el = document.createElement('div');
    el.setAttribute('data-ometria-product-sku', 'LATE1');
    document.body.append(el);
    await run(100);
    document.body.append(document.createElement('p')); // unrelated re-render
    await run(1100);
    expect(types(f)).toEqual([['product_view', { sku: 'LATE1' }, '/']]);
  });

  it('a changed attribute on the same page is a new product (variant switch)', async () => {
    const f = mockFetch(200);
    document.body.innerHTML = '<main data-ometria-product-sku="PRD1BLK"></main>';
    tracker();
    await run(100);
    document.querySelector('main')!.setAttribute('data-ometria-product-sku', 'PRD1RED');
    await run(1100);
    expect(sentEvents(f).map((e) => e.data)).toEqual([{ sku: 'PRD1BLK' }, { sku: 'PRD1RED' }]);
  });
});

describe('CustomEvents on document', () => {
  it('maps each ometria:* event to its method with detail as the argument', async () => {
    const f = mockFetch(200);
    tracker();
    const fire = (name: string, detail?: unknown) => document.dispatchEvent(new CustomEvent(name, { detail }));
    fire('ometria:product-view', { sku: 'P1' });
    fire('ometria:collection-view', { collectionId: 3 });
    fire('ometria:basket', { id: 'b', currency: 'EUR', total: 0, lines: [] });
    fire('ometria:add-to-basket', { sku: 'P1M' });
    fire('ometria:remove-from-basket', { sku: 'P1M', quantity: 1 });
    fire('ometria:identify', { customerId: 'c9' });
    fire('ometria:checkout');
    fire('ometria:order-complete', { orderNumber: '77' });
    fire('ometria:unknown', { sku: 'x' });
    await run(1000);
    expect(sentEvents(f).map((e) => e.type)).toEqual([
      'product_view',
      'collection_view',
      'basket',
      'add_to_basket',
      'remove_from_basket',
      'identify',
      'checkout',
      'order_complete',
    ]);
  });

  it('ometria:consent drives the consent gate', async () => {
    const f = mockFetch(200);
    tracker({ requireConsent: true });
    document.dispatchEvent(new CustomEvent('ometria:product-view', { detail: { sku: 'P1' } }));
    await run(2000);
    expect(f).not.toHaveBeenCalled();
    document.dispatchEvent(new CustomEvent('ometria:consent', { detail: true }));
    await run(1000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['product_view']);
  });
});

describe('single-page apps', () => {
  it('re-runs capture on pushState, replaceState and popstate', async () => {
    const f = mockFetch(200);
    document.body.innerHTML = '<main data-ometria-collection-id="1"></main>';
    tracker();
    await run(100);

    history.pushState(null, '', '/p/shirt'); // router pushes, then renders
    document.body.innerHTML = '<main data-ometria-product-sku="SHIRT1"></main>';
    await run(100);

    document.body.innerHTML = '<main data-ometria-product-sku="DRESS2"></main>'; // renders, then replaces
    history.replaceState(null, '', '/p/dress');
    await run(100);

    document.body.innerHTML = '<main data-ometria-collection-id="1"></main>';
    history.pushState(null, '', '/c/summer');
    await run(100);
    history.replaceState({ page: 2 }, '', '/c/summer'); // same page again: nothing new
    await run(100);

    history.back(); // popstate to /p/dress
    document.body.innerHTML = '<main data-ometria-product-sku="DRESS2"></main>';
    await vi.waitFor(() => expect(location.pathname).toBe('/p/dress'));
    await run(1100);

    expect(types(f)).toEqual([
      ['collection_view', { collectionId: 'collection:1' }, '/'],
      ['product_view', { sku: 'SHIRT1' }, '/p/shirt'],
      ['product_view', { sku: 'DRESS2' }, '/p/dress'],
      ['collection_view', { collectionId: 'collection:1' }, '/c/summer'],
      ['product_view', { sku: 'DRESS2' }, '/p/dress'],
    ]);
  });

  it('keeps the host history API working and its return value', () => {
    tracker();
    expect(history.pushState({ a: 1 }, '', '/x')).toBeUndefined();
    expect(history.state).toEqual({ a: 1 });
    expect(location.pathname).toBe('/x');
    expect(() => history.pushState(null, '', 'https://evil.example.org/')).toThrow(); // the host's own error still surfaces
  });
});
