// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockBeacon, mockFetch, pagehide, resetPage, run, sentEvents, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
});
afterEach(resetPage);

const fakeOmetria = () => {
  const calls: string[] = [];
  (window as unknown as { ometria: unknown }).ometria = {
    init: (type: string) => calls.push(`init:${type}`),
    identify: () => calls.push('identify'),
  };
  return calls;
};

describe('consent gate (data-require-consent="true")', () => {
  it('sends, stores and forwards nothing before consent, even on pagehide', async () => {
    const f = mockFetch(200);
    const beacon = mockBeacon();
    const om = fakeOmetria();
    const t = tracker({ requireConsent: true });
    t.productView({ sku: 'P1' });
    t.identify({ email: 'a@example.com' });
    await run(10_000);
    pagehide();
    expect(f).not.toHaveBeenCalled();
    expect(beacon).not.toHaveBeenCalled();
    expect(om).toEqual([]);
    expect(localStorage.length).toBe(0);
  });

  it('consent(true) releases the held events in order, then works normally', async () => {
    const f = mockFetch(200);
    const om = fakeOmetria();
    const t = tracker({ requireConsent: true });
    t.productView({ sku: 'P1' });
    t.identify({ email: 'a@example.com' });
    t.consent(true);
    expect(om).toEqual(['init:product', 'identify']);
    t.checkout();
    await run(1000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['product_view', 'identify', 'checkout']);
    expect(localStorage.getItem('centraOmetria:v1:consent')).toBe('1');
    expect(localStorage.getItem('centraOmetria:v1:vid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('remembers consent for the next page', async () => {
    const f = mockFetch(200);
    tracker({ requireConsent: true }).consent(true);
    const next = tracker({ requireConsent: true });
    next.checkout();
    await run(1000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['checkout']);
  });

  it('consent(false) clears the queue, the visitor id and the held events', async () => {
    const f = mockFetch(200);
    const t = tracker({ requireConsent: true });
    t.consent(true);
    t.checkout(); // queued, not yet sent
    t.consent(false);
    await run(10_000);
    expect(f).not.toHaveBeenCalled();
    expect(localStorage.getItem('centraOmetria:v1:queue')).toBeNull();
    expect(localStorage.getItem('centraOmetria:v1:vid')).toBeNull();
    t.productView({ sku: 'P1' }); // held in memory only
    await run(10_000);
    expect(f).not.toHaveBeenCalled();
    expect(localStorage.getItem('centraOmetria:v1:queue')).toBeNull();
  });

  it('does not put back events whose request failed after consent was withdrawn', async () => {
    let fail!: () => void;
    const inFlight = () =>
      new Promise<never>((_, reject) => {
        fail = () => reject(new TypeError('offline'));
      });
    const f = mockFetch(inFlight);
    const t = tracker({ requireConsent: true });
    t.consent(true);
    t.checkout();
    await run(1000);
    expect(f).toHaveBeenCalledTimes(1);
    t.consent(false);
    fail();
    await run(100_000);
    expect(localStorage.getItem('centraOmetria:v1:queue')).toBeNull();
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('a new visitor id is drawn after consent is withdrawn and given again', async () => {
    const f = mockFetch(200);
    const t = tracker({ requireConsent: true });
    t.consent(true);
    t.checkout();
    await run(1000);
    t.consent(false);
    t.consent(true);
    t.checkout();
    await run(1000);
    const [a, b] = f.mock.calls.map((c) => JSON.parse((c[1] as RequestInit).body as string).visitorId);
    expect(a).not.toBe(b);
  });

  it('only true (or "true") grants', () => {
    const t = tracker({ requireConsent: true });
    for (const v of [false, 'false', 1, 'yes', {}, null, undefined]) {
      t.consent(v as boolean);
      expect(localStorage.getItem('centraOmetria:v1:consent')).toBe('0');
    }
  });
});

describe('without required consent', () => {
  it('sends at once, and consent(false) opts out until consent(true)', async () => {
    const f = mockFetch(200);
    const t = tracker({ requireConsent: false });
    t.checkout();
    await run(1000);
    expect(f).toHaveBeenCalledTimes(1);
    t.consent(false);
    const next = tracker({ requireConsent: false }); // the opt-out holds on the next page
    next.checkout();
    await run(10_000);
    expect(f).toHaveBeenCalledTimes(1);
    next.consent(true);
    await run(1000);
    expect(f).toHaveBeenCalledTimes(2);
  });
});
