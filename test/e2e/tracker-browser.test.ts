// Issue 6 acceptance: the built tracker in headless Chromium (Debian's, never downloaded) on a storefront of
// another origin, posting to the real companion, which pushes custom events to the Ometria recorder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load-config.js';
import type { ServiceHandle } from '../../server/main.js';
import { startSandbox } from '../../sandbox/start-sandbox.js';
import { seedCatalogue } from '../../sandbox/centra-simulator/index.js';
import { storefrontPage, type StorefrontProduct } from '../../sandbox/storefront-page.js';
import { storefrontProducts } from '../../sandbox/storefront-route.js';
import { launchChromium } from '../helpers/browser.js';
import { testDatabase, type TestDatabase } from '../helpers/database-env.js';
import { SNIPPET } from '../../tracker/snippet.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'tracker.js');

/** Builds dist/tracker.js when it is missing or older than a tracker source file. */
function ensureBundle(): void {
  const newest = Math.max(...readdirSync(join(root, 'tracker')).map((f) => statSync(join(root, 'tracker', f)).mtimeMs));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest) execFileSync('npx', ['rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit' });
}

let browser: Browser;
let stack: Stack;
let shop: Server;
let shopUrl = '';
let products: StorefrontProduct[];
let tap: Awaited<ReturnType<typeof startCollectTap>>;

beforeAll(async () => {
  ensureBundle();
  tap = await startCollectTap(() => stack.service.url);
  browser = await launchChromium();
  // The storefront: another origin on 127.0.0.1, allowed by TRACKER_ALLOWED_ORIGINS.
  const app = express();
  app.get('/', (req, res) => {
    const selected = typeof req.query.product === 'string' ? req.query.product : undefined;
    const page = storefrontPage({ companionUrl: stack.service.url, store: 'example.com/uk', products, selected, linesWithProductSku: false });
    // tracker.js from the companion; events through the tap to the companion's /collect
    res.type('html').send(page.replace(`data-endpoint="${stack.service.url}/collect"`, `data-endpoint="${tap.url}/collect"`));
  });
  // Direct method calls made by an inline script, before the async tracker has loaded (the snippet's stubs).
  app.get('/direct', (req, res) => {
    const sku = typeof req.query.sku === 'string' ? req.query.sku : '';
    res.type('html').send(`<!doctype html><html><head><script>${SNIPPET}</script>
<script>window.loadedAtCall = window.centraOmetria.l === 1; centraOmetria.productView({ sku: ${JSON.stringify(sku)} }); centraOmetria.identify({ email: 'direct@example.com' });</script>
<script async src="${stack.service.url}/tracker.js" data-endpoint="${tap.url}/collect" data-store="example.com/uk"></script></head><body></body></html>`);
  });
  app.get('/elsewhere', (_req, res) => void res.type('html').send('<!doctype html><title>elsewhere</title><p>No tracker here.</p>'));
  shop = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  // the demo storefront's identify is unsigned: opted in here (signed identity: test/collect/signed-identity.test.ts)
  stack = await startStack({ env: { TRACKER_ALLOWED_ORIGINS: shopUrl, TRACKER_ACCEPT_UNSIGNED_IDENTITY: 'true' } });
  seedCatalogue(stack.centra.data, { products: 3 });
  products = storefrontProducts(stack.centra.data);
  // What the catalogue sync leaves behind: every style-colour and size pushed as an Ometria product.
  for (const p of products)
    for (const id of [p.productSku, ...p.sizes.map((s) => s.sku)]) await stack.service.store.ledger.record('product', id, 'synced', Date.now());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await new Promise((r) => shop?.close(r));
  await tap?.close();
});

interface Sent {
  ids: string[];
  status: number;
  duplicates?: number;
}

/**
 * A pass-through in front of the companion's /collect that records every request and its answer. Playwright
 * does not report a keepalive request sent while the page unloads; the tap sees it as the companion does.
 */
async function startCollectTap(target: () => string): Promise<{ url: string; sent: Sent[]; close: () => Promise<void> }> {
  const sent: Sent[] = [];
  const hopByHop = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length']);
  // A failing forward rejects unhandled, which vitest reports as an error of the run.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => !hopByHop.has(k) && typeof v === 'string')) as Record<string, string>;
    const reply = await fetch(target() + req.url, { method: req.method, headers, body: req.method === 'POST' ? body : undefined });
    const text = await reply.text();
    if (req.method === 'POST') {
      const ids = (JSON.parse(body.toString()) as { events: Array<{ id: string }> }).events.map((e) => e.id);
      sent.push({ ids, status: reply.status, duplicates: (JSON.parse(text) as { duplicates?: number }).duplicates });
    }
    const out = Object.fromEntries([...reply.headers].filter(([k]) => !hopByHop.has(k) && k !== 'content-encoding'));
    res.writeHead(reply.status, out).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Product page → pick a size → add to basket → log in, as a shopper would. */
async function shop_(page: Page, product: StorefrontProduct): Promise<void> {
  await page.goto(`${shopUrl}/?product=${encodeURIComponent(product.productSku)}`);
  await page.waitForFunction(() => (window as unknown as { centraOmetria?: { l?: number } }).centraOmetria?.l === 1);
  await page.selectOption('#size', product.sizes[1]!.sku);
  await page.click('#add-to-basket');
  await page.fill('#email', 'Shopper@Example.com');
  await page.fill('#customer-id', '1001');
  await page.click('#login button');
}

const ometriaEvents = () =>
  stack.ometria.store.all('custom_event') as Array<{
    id: string;
    event_type: string;
    identity_account_id?: string;
    identity_email?: string;
    properties: Record<string, unknown>;
  }>;

/** Each event the companion stored was in exactly one accepted request, and none was sent twice. */
async function expectEachEventOnce(sent: Sent[], visitor: string): Promise<void> {
  await waitFor(() => sent.flatMap((s) => s.ids).length >= 4, 'the tap to record four events');
  const accepted = sent.filter((s) => s.status === 200).flatMap((s) => s.ids);
  const stored = (await stack.service.store.sql.all<{ id: string }>(`SELECT id FROM tracker_events WHERE visitor_id = ?`, [visitor])).map((r) => r.id);
  expect(stored).toHaveLength(4); // product view, add to basket, basket, identify
  expect([...accepted].sort()).toEqual([...stored].sort());
  expect(sent.every((s) => !s.duplicates)).toBe(true);
}

const visitorOf = (page: Page) => page.evaluate(() => localStorage.getItem('centraOmetria:v1:vid') ?? '');

describe('the tracker in a real browser', () => {
  let context: BrowserContext | undefined;
  afterEach(async () => {
    await context?.close();
    stack.ometria.reset();
  });

  it("sends a product view, an add to basket and a log-in to /collect once each, and Ometria gets them with the catalogue's ids", async () => {
    context = await browser.newContext();
    tap.sent.length = 0;
    const page = await context.newPage();
    const product = products[0]!;
    await shop_(page, product);
    await page.goto(`${shopUrl}/elsewhere`); // leaving flushes what is still queued (keepalive fetch)
    const visitor = await visitorOf(page); // same origin: the tracker's localStorage is still readable

    const events = (await waitFor(() => (ometriaEvents().length === 3 ? ometriaEvents() : undefined), 'three custom events in Ometria'))!;
    const size = product.sizes[1]!.sku;
    const byType = Object.fromEntries(events.map((e) => [e.event_type, e]));
    expect(Object.keys(byType).sort()).toEqual(['added_to_basket', 'basket_updated', 'product_viewed']);
    expect(byType.product_viewed!.properties).toMatchObject({ product_id: product.productSku, store: 'example.com/uk' });
    expect(byType.added_to_basket!.properties).toMatchObject({ product_id: product.productSku, variant_id: size, quantity: 1 });
    expect(byType.basket_updated!.properties).toMatchObject({
      currency: 'GBP',
      total: product.price,
      lines: [{ product_id: product.productSku, variant_id: size, quantity: 1, unit_price: product.price }],
    });
    for (const e of events) expect(e).toMatchObject({ identity_account_id: 'c1001', identity_email: 'shopper@example.com' });
    await expectEachEventOnce(tap.sent, visitor);
  });

  it('queues direct method calls made before the script loads and sends them once it has', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const product = products[2]!;
    await page.goto(`${shopUrl}/direct?sku=${encodeURIComponent(product.productSku)}`);
    await page.waitForFunction(() => (window as unknown as { centraOmetria?: { l?: number } }).centraOmetria?.l === 1);
    expect(await page.evaluate(() => (window as unknown as { loadedAtCall: boolean }).loadedAtCall)).toBe(false);

    const viewed = await waitFor(() => ometriaEvents().find((e) => e.event_type === 'product_viewed'), 'the product view in Ometria');
    expect(viewed).toMatchObject({ identity_email: 'direct@example.com', properties: { product_id: product.productSku } });
  });

  it('delivers every event once after /collect was unreachable for the first requests', async () => {
    context = await browser.newContext();
    tap.sent.length = 0;
    let failures = 0;
    await context.route('**/collect', (route) => (failures < 3 ? (failures++, route.abort('connectionrefused')) : route.continue()));
    const page = await context.newPage();
    await shop_(page, products[1]!);
    await waitFor(() => failures === 3, 'three failed requests');
    expect(ometriaEvents()).toEqual([]);

    await waitFor(() => ometriaEvents().length === 3, 'the events in Ometria after the network recovered', 30_000);
    await page.goto(`${shopUrl}/elsewhere`);
    const visitor = await visitorOf(page);
    expect((await stack.service.store.trackerEvents.counts()).pending ?? 0).toBe(0);
    // the aborted requests never left the browser; the tap saw only what reached the companion
    await expectEachEventOnce(tap.sent, visitor);
  }, 60_000);
});

describe('the sandbox demo storefront', () => {
  let sandbox: ServiceHandle;
  let database: TestDatabase | undefined;
  const dir = tempDir();
  beforeAll(async () => {
    database = await testDatabase();
    sandbox = await startSandbox(loadConfig({ DATA_DIR: dir.path, ...database.env, PORT: '0', LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => {
    await sandbox?.close();
    await database?.drop();
    dir.remove();
  });

  it("shows the tracker working: the shopper's events reach the sandbox's Ometria", async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
    try {
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/storefront`);
      await page.click('#products a');
      await page.waitForFunction(() => (window as unknown as { centraOmetria?: { l?: number } }).centraOmetria?.l === 1);
      await page.click('#add-to-basket');
      await page.fill('#email', 'demo@example.com');
      await page.click('#login button');
      const seen = await waitFor(async () => {
        const o = (await (await fetch(`${sandbox.url}/sandbox/ometria.json`)).json()) as { customEvents: { count: number } };
        return o.customEvents.count >= 3 ? o : undefined;
      }, 'the demo events in the sandbox Ometria');
      await page.waitForSelector('#queue:text("All events sent.")');
      mkdirSync(join(root, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-artifacts', 'storefront.png'), fullPage: true });
      expect(seen!.customEvents.count).toBe(3);
    } finally {
      await context.close();
    }
  });
});
