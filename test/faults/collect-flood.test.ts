import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../helpers/wait-for.js';
import { allDelivered } from './helpers/checks.js';
import { deliverOrders, sleep } from './helpers/deliveries.js';
import { startFaultStack, type FaultStack } from './helpers/fault-stack.js';
import { send } from './helpers/raw-http.js';

const FLOOD_PER_SECOND = 500;
const RUN_MS = 60_000;
const ORDERS_PER_SECOND = 5;
const SHOP = 'https://shop.example.com';

let stack: FaultStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const start = async (env: Record<string, string> = {}) => {
  stack = await startFaultStack({
    orders: (RUN_MS / 1000) * ORDERS_PER_SECOND,
    ometria: { ratePerSecond: 0 },
    // The flood comes from many addresses (as a botnet would); the proxy on loopback says which (TRUST_PROXY).
    env: { TRACKER_ALLOWED_ORIGINS: SHOP, TRACKER_ACCEPT_UNSIGNED_IDENTITY: 'true', TRUST_PROXY: 'loopback', ...env },
  });
  return { stack, url: (await stack.service.start()).url };
};

/** One product view from a fresh visitor at a fresh address: all of it is work the service must do or refuse. */
const floodRequest = (url: string, n: number) =>
  send(url, {
    path: '/collect',
    headers: { 'content-type': 'application/json', origin: SHOP, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
    body: JSON.stringify({
      v: 1,
      store: 'example.com/uk',
      visitorId: randomUUID(),
      sentAt: new Date().toISOString(),
      events: [{ id: randomUUID().replaceAll('-', ''), type: 'product_view', at: new Date().toISOString(), url: `${SHOP}/p/1`, data: { sku: 'LS100BLUM' } }],
    }),
  });

async function flood(url: string, until: number): Promise<number> {
  let sent = 0;
  const inFlight = new Set<Promise<unknown>>();
  for (let tick = Date.now(); tick < until; tick += 100) {
    for (let i = 0; i < FLOOD_PER_SECOND / 10; i++) {
      const p = floodRequest(url, sent++).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await sleep(Math.max(0, tick + 100 - Date.now()));
  }
  await Promise.all(inFlight);
  return sent;
}

/** Orders sent one by one at ORDERS_PER_SECOND; each one's lag = its first push to Ometria − its webhook's 200. */
async function orderLags(s: FaultStack, url: string): Promise<number[]> {
  const acked = new Map<string, number>();
  for (const n of s.numbers) {
    const began = Date.now();
    const out = await deliverOrders(url, s.secrets.webhookSecret, [n]);
    expect(out.status).toBe(200);
    acked.set(String(n), out.at);
    await sleep(Math.max(0, began + 1000 / ORDERS_PER_SECOND - Date.now()));
  }
  await waitFor(() => allDelivered(s.ometria, s.numbers), 'every order in Ometria', 120_000, 100);
  const firstPush = new Map<string, number>();
  for (const p of s.ometria.pushes.list()) {
    if (p.type !== 'order' || p.status >= 300) continue;
    for (const id of p.ids) if (!firstPush.has(id)) firstPush.set(id, p.at);
  }
  return [...acked].map(([id, at]) => firstPush.get(id)! - at);
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;

describe('a /collect flood while orders flow (issue 15)', () => {
  it(`at ${FLOOD_PER_SECOND} requests/s for ${RUN_MS / 1000} s keeps order lag p95 within 1.5× of a quiet run`, async () => {
    const quiet = await start();
    const quietP95 = p95(await orderLags(quiet.stack, quiet.url));
    await stack!.close();
    stack = undefined;

    const loud = await start();
    const flooding = flood(loud.url, Date.now() + RUN_MS);
    const loudP95 = p95(await orderLags(loud.stack, loud.url));
    const sent = await flooding;
    console.log(JSON.stringify({ quietP95, loudP95, floodRequests: sent }));
    expect(sent).toBeGreaterThan(FLOOD_PER_SECOND * (RUN_MS / 1000) * 0.9);
    expect(loudP95).toBeLessThanOrEqual(quietP95 * 1.5);
  }, 600_000);

  it('with the disk below MIN_FREE_DISK_MB, /collect answers 503 and webhooks are still accepted', async () => {
    // No disk here has 10 TB free, so the guard is on from the first request.
    const { stack: s, url } = await start({ MIN_FREE_DISK_MB: String(10_000_000) });
    expect((await floodRequest(url, 1)).status).toBe(503);
    expect((await deliverOrders(url, s.secrets.webhookSecret, s.numbers.slice(0, 5))).status).toBe(200);
    await waitFor(() => allDelivered(s.ometria, s.numbers.slice(0, 5)), 'orders delivered while /collect refuses', 60_000, 100);
  }, 120_000);
});
