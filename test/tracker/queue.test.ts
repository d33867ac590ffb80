// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batches, mockFetch, QUEUE_KEY, resetPage, run, sentEvents, stored, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
});
afterEach(resetPage);

describe('the localStorage queue', () => {
  it('keeps at most 200 events, dropping the oldest', async () => {
    const f = mockFetch(200);
    const t = tracker();
    for (let i = 0; i < 250; i++) t.addToBasket({ sku: `SKU-${i}` });
    await run(0); // the idle write
    const q = stored();
    expect(q).toHaveLength(200);
    expect(q[0]!.data).toMatchObject({ sku: 'SKU-50' });
    expect(q[199]!.data).toMatchObject({ sku: 'SKU-249' });
    expect(f).not.toHaveBeenCalled();
  });

  it('survives a reload: the next page sends what the last one left, same ids, in order', async () => {
    const f = mockFetch(200);
    const first = tracker();
    for (let i = 0; i < 120; i++) first.addToBasket({ sku: `SKU-${i}`, quantity: 2 });
    first.destroy(); // the page goes away before its flush timer ran, and before the idle write
    const ids = stored().map((e) => e.id);
    expect(ids).toHaveLength(120);
    expect(f).not.toHaveBeenCalled();

    tracker(); // next page load
    await run(5000);
    const sent = sentEvents(f);
    expect(sent.map((e) => e.id)).toEqual(ids);
    expect(batches(f).map((b) => b.events.length)).toEqual([50, 50, 20]);
    expect(localStorage.getItem(QUEUE_KEY)).toBeNull();
  });

  it('keeps a call off storage: the calls of one task reach it in one write, when idle', async () => {
    mockFetch(200);
    const t = tracker();
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const getItem = vi.spyOn(Storage.prototype, 'getItem');
    for (let i = 0; i < 50; i++) t.productView({ sku: `P${i}` });
    expect(setItem).not.toHaveBeenCalled();
    expect(getItem).not.toHaveBeenCalled();
    await run(0);
    expect(setItem.mock.calls.filter(([k]) => k == QUEUE_KEY)).toHaveLength(1);
    expect(stored()).toHaveLength(50);
  });

  it('splits requests so that each body stays under 64 KB', async () => {
    const f = mockFetch(200);
    const t = tracker();
    const line = (i: number) => ({ sku: `S${i}`, quantity: 1, unitPrice: 1, name: 'n'.repeat(500), url: 'u'.repeat(500), imageUrl: 'i'.repeat(500) });
    for (let b = 0; b < 3; b++) t.basket({ id: `sel-${b}`, currency: 'GBP', lines: Array.from({ length: 30 }, (_, i) => line(i)) });
    await run(10_000);
    const bodies = f.mock.calls.map((c) => (c[1] as RequestInit).body as string);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(new TextEncoder().encode(body).length).toBeLessThan(64 * 1024);
    expect(sentEvents(f)).toHaveLength(3);
  });

  it('drops an event too big for any request instead of retrying it for ever', async () => {
    const f = mockFetch(200);
    const t = tracker();
    const lines = Array.from({ length: 100 }, (_, i) => ({
      sku: `S${i}`.padEnd(500, 'x'),
      productSku: 'p'.repeat(500),
      quantity: 1,
      unitPrice: 1,
      name: 'n'.repeat(500),
      url: 'u'.repeat(500),
      imageUrl: 'i'.repeat(500),
    }));
    t.basket({ id: 'huge', currency: 'GBP', lines });
    t.checkout();
    await run(5000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['checkout']);
    expect(stored()).toEqual([]);
  });
});

describe('storage that fails', () => {
  it('falls back to memory when localStorage throws on access', async () => {
    const f = mockFetch(200);
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const t = tracker();
    expect(() => t.productView({ sku: 'P1' })).not.toThrow();
    await run(2000);
    expect(sentEvents(f).map((e) => e.data)).toEqual([{ sku: 'P1' }]);
    vi.restoreAllMocks();
    expect(localStorage.length).toBe(0); // it really ran on memory
  });

  it('falls back to memory when setItem throws (quota, Safari private mode)', async () => {
    const f = mockFetch(200);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const t = tracker();
    t.productView({ sku: 'P1' });
    t.productView({ sku: 'P2' });
    await run(2000);
    expect(sentEvents(f).map((e) => (e.data as { sku: string }).sku)).toEqual(['P1', 'P2']);
  });

  it('survives a corrupt queue value', async () => {
    const f = mockFetch(200);
    localStorage.setItem(QUEUE_KEY, '{not json');
    const t = tracker();
    t.checkout();
    await run(2000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['checkout']);
  });
});

describe('several tabs', () => {
  it('does not send while another live tab holds the lock, and sends once it expires', async () => {
    const f = mockFetch(200);
    localStorage.setItem('centraOmetria:v1:lock', `other-tab ${Date.now() + 10_000}`);
    const t = tracker();
    t.checkout();
    await run(5000);
    expect(f).not.toHaveBeenCalled();
    await run(20_000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['checkout']);
  });

  it('claims what it sends: two tabs never send the same event', async () => {
    let release!: () => void;
    const slow = () =>
      new Promise<never>((resolve) => {
        release = () => resolve({ status: 200 } as never);
      });
    const f = mockFetch(slow, 200);
    const a = tracker();
    const b = tracker(); // a second tab on the same storage
    a.addToBasket({ sku: 'A1' });
    b.addToBasket({ sku: 'B1' });
    await run(1000); // one of them takes the lock and claims both events
    expect(f).toHaveBeenCalledTimes(1);
    expect(stored()).toEqual([]);
    b.addToBasket({ sku: 'B2' });
    await run(1000); // the lock is held: the other tab waits
    expect(f).toHaveBeenCalledTimes(1);
    release();
    await run(15_000);
    const ids = sentEvents(f).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      sentEvents(f)
        .map((e) => (e.data as { sku: string }).sku)
        .sort(),
    ).toEqual(['A1', 'B1', 'B2']);
  });
});
