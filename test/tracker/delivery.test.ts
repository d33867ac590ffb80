// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoff, classify, DROP, OK, RETRY } from '../../tracker/send.js';
import { ENDPOINT, hide, mockBeacon, mockFetch, pagehide, resetPage, run, sentEvents, stored, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
});
afterEach(resetPage);

describe('classify', () => {
  it('delivers on 2xx, retries 408, 429 and 5xx, drops any other status', () => {
    for (const s of [200, 201, 202, 204, 299]) expect(classify(s)).toBe(OK);
    for (const s of [408, 429, 500, 502, 503, 504, 599]) expect(classify(s)).toBe(RETRY);
    for (const s of [0, 301, 400, 401, 403, 404, 405, 413, 415, 422]) expect(classify(s)).toBe(DROP);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter and is capped', () => {
    const rnd = vi.spyOn(Math, 'random');
    rnd.mockReturnValue(0);
    expect([1, 2, 3, 4].map(backoff)).toEqual([500, 1000, 2000, 4000]);
    rnd.mockReturnValue(0.999999);
    expect(backoff(1)).toBeCloseTo(1000, 0);
    expect(backoff(40)).toBeLessThanOrEqual(300_000);
    expect(backoff(40)).toBeGreaterThanOrEqual(150_000);
  });
});

describe('sending', () => {
  it('batches events into one text/plain POST with fetch keepalive', async () => {
    const f = mockFetch(200);
    const t = tracker();
    t.productView({ sku: 'P1' });
    t.checkout();
    expect(f).not.toHaveBeenCalled();
    await run(1000);
    expect(f).toHaveBeenCalledTimes(1);
    const [url, init] = f.mock.calls[0]!;
    expect(url).toBe(ENDPOINT);
    expect(init).toMatchObject({ method: 'POST', keepalive: true });
    expect(typeof init!.body).toBe('string'); // a string body is sent as text/plain: no CORS preflight
    expect(init!.headers).toBeUndefined();
    expect(stored()).toEqual([]);
  });

  for (const [name, reply] of [
    ['a network error', new TypeError('Failed to fetch')],
    ['408', 408],
    ['429', 429],
    ['500', 500],
    ['503', 503],
  ] as const) {
    it(`retries after ${name} with backoff, keeping the same event ids`, async () => {
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      const f = mockFetch(reply, reply, 200);
      const t = tracker();
      t.identify({ email: 'a@example.com' });
      await run(1000);
      expect(f).toHaveBeenCalledTimes(1);
      expect(stored()).toHaveLength(1); // put back, survives a reload while waiting
      await run(700); // first backoff: 1 s × 0.75
      expect(f).toHaveBeenCalledTimes(1);
      await run(100);
      expect(f).toHaveBeenCalledTimes(2);
      await run(1500); // second backoff: 2 s × 0.75
      expect(f).toHaveBeenCalledTimes(3);
      const ids = sentEvents(f).map((e) => e.id);
      expect(new Set(ids).size).toBe(1);
      expect(stored()).toEqual([]);
    });
  }

  for (const status of [400, 401, 403, 404, 413, 422]) {
    it(`drops the batch on ${status} and does not retry`, async () => {
      const f = mockFetch(status, 200);
      const t = tracker();
      t.checkout();
      await run(1000);
      await run(600_000);
      expect(f).toHaveBeenCalledTimes(1);
      expect(stored()).toEqual([]);
      t.checkout(); // later events still go
      await run(1000);
      expect(f).toHaveBeenCalledTimes(2);
    });
  }

  it('keeps sending until the queue is empty, one request at a time', async () => {
    const f = mockFetch(200);
    const t = tracker();
    for (let i = 0; i < 130; i++) t.addToBasket({ sku: `S${i}` });
    await run(1000);
    expect(f).toHaveBeenCalledTimes(1);
    await run(10);
    expect(f).toHaveBeenCalledTimes(3);
    expect(sentEvents(f)).toHaveLength(130);
  });

  it('sends nothing without an endpoint and stores nothing', async () => {
    const f = mockFetch(200);
    const t = tracker({ endpoint: undefined });
    t.productView({ sku: 'P1' });
    await run(5000);
    expect(f).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
  });
});

describe('leaving the page', () => {
  it('flushes at once on pagehide with fetch keepalive, every batch', async () => {
    const f = mockFetch(200);
    const t = tracker();
    for (let i = 0; i < 60; i++) t.addToBasket({ sku: `S${i}` });
    pagehide();
    expect(f).toHaveBeenCalledTimes(2); // synchronously, without waiting for the batch timer
    for (const c of f.mock.calls) expect(c[1]).toMatchObject({ keepalive: true });
    expect(stored()).toEqual([]);
    expect(localStorage.getItem('centraOmetria:v1:lock')).toBeNull();
  });

  it('flushes when the page becomes hidden', () => {
    const f = mockFetch(200);
    const t = tracker();
    t.checkout();
    hide();
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('falls back to sendBeacon when fetch is missing', () => {
    vi.stubGlobal('fetch', undefined);
    const beacon = mockBeacon(true);
    const t = tracker();
    t.checkout();
    pagehide();
    expect(beacon).toHaveBeenCalledTimes(1);
    expect(beacon.mock.calls[0]![0]).toBe(ENDPOINT);
    expect(JSON.parse(beacon.mock.calls[0]![1] as string).events[0].type).toBe('checkout');
    expect(stored()).toEqual([]);
  });

  it('falls back to sendBeacon when fetch throws', () => {
    vi.stubGlobal('fetch', () => {
      throw new TypeError('blocked');
    });
    const beacon = mockBeacon(true);
    const t = tracker();
    t.checkout();
    pagehide();
    expect(beacon).toHaveBeenCalledTimes(1);
  });

  it('falls back to sendBeacon when the keepalive fetch fails while leaving', async () => {
    const f = mockFetch(new TypeError('keepalive quota'));
    const beacon = mockBeacon(true);
    const t = tracker();
    t.checkout();
    pagehide();
    expect(f).toHaveBeenCalledTimes(1);
    await run(0);
    expect(beacon).toHaveBeenCalledTimes(1);
    expect(stored()).toEqual([]);
  });

  it('puts the events back when neither fetch nor sendBeacon can take them', async () => {
    vi.stubGlobal('fetch', undefined);
    mockBeacon(false);
    const t = tracker();
    t.checkout();
    pagehide();
    expect(stored().map((e) => e.type)).toEqual(['checkout']);
  });

  it('registers no unload listener', () => {
    const add = vi.spyOn(window, 'addEventListener');
    tracker();
    expect(add.mock.calls.map((c) => c[0])).not.toContain('unload');
    expect(add.mock.calls.map((c) => c[0])).not.toContain('beforeunload');
  });
});
