import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueConfig } from '../../server/config/catalogue-config.js';
import { PROGRESS_KEY, WATERMARK_KEY, type CatalogueProgress } from '../../server/jobs/products/catalogue-progress.js';
import { runCatalogueSync } from '../../server/jobs/products/catalogue-sync.js';
import { createProductSyncHandler } from '../../server/jobs/products/sync-products.js';
import { loadConfig } from '../../server/config/load-config.js';
import { createLogger } from '../../server/log/logger.js';
import { createOpenApiValidator } from '../../server/ometria/openapi-validator.js';
import { createRuntime } from '../../server/runtime.js';
import { seedCatalogue, startCentraSimulator, type CentraSimulator, type SimProduct } from '../../sandbox/centra-simulator/index.js';
import { startOmetriaRecorder, type OmetriaRecorder } from '../../sandbox/ometria-recorder/index.js';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import type { SyncContext } from '../../server/jobs/sync-context.js';
import { checkOmetriaRecord, type OmetriaProduct } from '../../server/ometria/ometria-records.js';
import { testDatabase } from '../helpers/database-env.js';
import { simSchemaFromEnv } from '../helpers/sim-schema-env.js';
import { tempDir } from '../helpers/temp-dir.js';
import { itOnFullContract } from '../helpers/full-contract-only.js';

const CATALOGUE: CatalogueConfig = {
  stores: [
    { store: 'example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://example.com/uk/product' },
    { store: 'example.com/se', marketId: 2, pricelistId: 2, baseUrl: 'https://example.com/se/produkt' },
  ],
  pageSize: 50,
  customAttributes: [{ centraType: 'pr_material', ometriaType: 'material' }],
};

interface Env {
  centra: CentraSimulator;
  ometria: OmetriaRecorder;
  store: Store;
  ctx: SyncContext;
  close(): Promise<void>;
}

let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** Real HTTP on 127.0.0.1: the Centra simulator (its default rate limit on) and the Ometria recorder. */
async function start(products: number): Promise<Env> {
  const centra = await startCentraSimulator({ schema: simSchemaFromEnv() });
  seedCatalogue(centra.data, { products });
  const ometria = await startOmetriaRecorder({ ratePerSecond: 0 });
  const dir = tempDir();
  const config = loadConfig({
    CENTRA_API_URL: centra.url,
    CENTRA_API_TOKEN: centra.token,
    CENTRA_WEBHOOK_SECRET: 'secret',
    OMETRIA_API_URL: ometria.baseUrl,
    OMETRIA_API_KEY: ometria.apiKey,
    OMETRIA_PUSH_RATE: '50',
    DATA_DIR: dir.path,
    LOG_LEVEL: 'silent',
  });
  const database = await testDatabase();
  const store = await openStore({ dataDir: dir.path, synchronous: 'NORMAL', databaseUrl: database.url });
  const { ctx } = createRuntime(config, store, { logger: createLogger('silent'), now: Date.now });
  return {
    centra,
    ometria,
    store,
    ctx,
    async close() {
      await store.close();
      await Promise.all([centra.close(), ometria.close()]);
      await database.drop();
      dir.remove();
    },
  };
}

/** Requests a sync sends: the runtime's one schema check (introspection, before its first document) is not the sync's. */
const syncRequests = (e: Env) => e.centra.requests.count((r) => !r.query.includes('__schema'));

/** Runs one sync and reports what it cost on the wire. */
async function sync(e: Env, mode: 'full' | 'incremental') {
  const requestsBefore = syncRequests(e);
  const pushesBefore = e.ometria.pushes.count();
  const pages: CatalogueProgress[] = [];
  const progress = await runCatalogueSync(e.ctx, CATALOGUE, { mode, onProgress: (p) => pages.push(p) });
  const pushes = e.ometria.pushes.list().slice(pushesBefore);
  return {
    progress,
    pages,
    centraRequests: syncRequests(e) - requestsBefore,
    pushCalls: pushes.length,
    pushedIds: pushes.flatMap((p) => p.ids),
  };
}

const productOf = (e: Env, id: number): SimProduct => e.centra.data.products.get(id)!;
const held = (e: Env, id: string) => e.ometria.store.get('product', id) as OmetriaProduct | undefined;

describe('catalogue sync against the Centra simulator and the Ometria recorder (issue 5)', () => {
  it('pushes everything once, then nothing, then only what a stock change or a deactivation changed', async () => {
    env = await start(120);
    const e = env;
    const first = await sync(e, 'incremental');
    // No watermark yet: an incremental request runs as a full sync.
    expect(first.progress).toMatchObject({ mode: 'full', state: 'done', pages: 3, products: 120, unreadable: 0, collisions: 0, notSendable: 0 });
    expect(first.progress.records).toBe(120 * 3 * (1 + 5));
    expect(first.progress.pushed).toBe(first.progress.records);
    // 2,160 records in full calls of 100 across pages of 50 products × 18 records, the last call 60.
    expect(first.pushCalls).toBe(22);
    expect(new Set(first.pushedIds).size).toBe(first.progress.records);
    expect(first.centraRequests).toBe(4);
    expect(first.pages.map((p) => p.pages)).toEqual([0, 1, 2, 3, 3]);
    expect(await e.store.kv.get(PROGRESS_KEY)).toEqual(first.progress);
    expect(await e.store.kv.get(WATERMARK_KEY)).toBe(first.progress.startedAt);

    const validator = createOpenApiValidator();
    const all = e.ometria.store.all('product') as OmetriaProduct[];
    expect(all).toHaveLength(first.progress.records);
    for (const record of all) {
      expect(checkOmetriaRecord(record)).toEqual({ ok: true });
      expect(validator.validate(record)).toEqual([]);
    }
    expect(e.ometria.errors.list()).toEqual([]);
    const p1 = productOf(e, 1);
    const key = `${p1.productNumber}${p1.variants[0]!.variantNumber}`;
    expect(held(e, key)).toMatchObject({
      id: key,
      is_variant: false,
      url: expect.stringMatching(/^https:\/\/example\.com\/uk\/product\/.+-1$/),
      listings: [
        { store: 'example.com/uk', currency: 'GBP' },
        { store: 'example.com/se', currency: 'SEK' },
      ],
    });

    const second = await sync(e, 'full');
    expect(second.progress).toMatchObject({ state: 'done', pushed: 0, skippedUnchanged: first.progress.records, deadLettered: 0 });
    expect(second.pushCalls).toBe(0);

    const quiet = await sync(e, 'incremental');
    expect(quiet.progress).toMatchObject({ mode: 'incremental', state: 'done', products: 0, pushed: 0 });
    expect(quiet.centraRequests).toBe(3);

    // One size sells out while another size of its colour still has stock: only that size's record changes.
    const [variant] = p1.variants.filter((v) => v.productSizes.filter((s) => (s.stockTotals?.availableQuantity ?? 0) > 0).length >= 2);
    const size = variant!.productSizes.find((s) => (s.stockTotals?.availableQuantity ?? 0) > 0)!;
    e.centra.data.products.update(1, () => {
      size.stockTotals = { availableQuantity: 0 };
    });
    const stock = await sync(e, 'incremental');
    expect(stock.progress).toMatchObject({ mode: 'incremental', products: 1, pushed: 1, skippedUnchanged: 17 });
    const sku = `${p1.productNumber}${variant!.variantNumber}${size.sizeNumber}`;
    expect(stock.pushedIds).toEqual([sku]);
    expect(held(e, sku)).toMatchObject({ is_in_stock: false, is_variant: true });

    // Switching off a display leaves the product's updatedAt alone: found through the changed-displays query.
    const p2 = e.centra.data.products.values().find((p) => p.id !== 1 && p.status === 'ACTIVE')!;
    e.centra.data.displays.update(p2.id, { status: 'INACTIVE' });
    const off = await sync(e, 'incremental');
    // Product 1 comes again (updated within the overlap window) and is skipped as unchanged.
    expect(off.progress).toMatchObject({ products: 2, pushed: 18, skippedUnchanged: 18 });
    expect(off.centraRequests).toBe(4);
    expect(held(e, `${p2.productNumber}${p2.variants[0]!.variantNumber}`)).toMatchObject({ is_active: false });
  });

  it('fills each call with 100 records across products and pages, so no page ends in a short call (issue 17)', async () => {
    env = await start(30);
    const e = env;
    // Pages of 7 products × 18 records = 126: a call per page would send 100 + 26 on each of the five pages.
    const progress = await runCatalogueSync(e.ctx, { ...CATALOGUE, pageSize: 7 }, { mode: 'full' });
    const calls = e.ometria.pushes.list();
    expect(progress).toMatchObject({ state: 'done', pages: 5, products: 30, records: 540, pushed: 540 });
    expect(calls.map((c) => c.ids.length)).toEqual([100, 100, 100, 100, 100, 40]);
    const ids = calls.flatMap((c) => c.ids);
    expect(new Set(ids).size).toBe(540);
    expect(ids.sort()).toEqual((e.ometria.store.all('product') as OmetriaProduct[]).map((r) => r.id).sort());
  });

  itOnFullContract(
    'ProductStatus.CANCELLED in its seeded data',
    'incremental: walks newest-updated pages down to the watermark; a product updated mid-walk comes in the next run',
    async () => {
      env = await start(120);
      const e = env;
      await sync(e, 'full');
      // 60 products updated in one second (a bulk import): more than one page of 50, ordered by id within the second.
      const stamp = e.centra.data.stamp();
      for (let id = 1; id <= 60; id++) e.centra.data.products.update(id, { updatedAt: stamp });
      e.centra.data.products.update(30, { status: 'CANCELLED', updatedAt: stamp });
      // After page 1 is read, an old product (on a page not read yet) sells out a size: it jumps to page 1.
      const late = productOf(e, 100);
      const [variant] = late.variants.filter((v) => v.productSizes.some((s) => (s.stockTotals?.availableQuantity ?? 0) > 0));
      const size = variant!.productSizes.find((s) => (s.stockTotals?.availableQuantity ?? 0) > 0)!;
      const sku = `${late.productNumber}${variant!.variantNumber}${size.sizeNumber}`;
      let recentPages = 0;
      const centra = e.ctx.centra;
      const ctx: SyncContext = {
        ...e.ctx,
        centra: {
          ...centra,
          request: async (query, variables) => {
            const res = await centra.request(query, variables);
            if (/query RecentProducts/.test(query) && ++recentPages === 1)
              e.centra.data.products.update(100, () => {
                size.stockTotals = { availableQuantity: 0 };
              });
            return res as never;
          },
        },
      };

      const walk = await runCatalogueSync(ctx, CATALOGUE, { mode: 'incremental' });
      // Page 1: ids 60..11. Page 2: 11 again (pushed down by product 100), 10..1, then products older than the watermark.
      // CANCELLED product 30 is read and dropped, as a full sync would never read it.
      expect(walk).toMatchObject({ mode: 'incremental', state: 'done', pages: 2, products: 59, unreadable: 0, centraRequests: 4 });
      expect(recentPages).toBe(2);
      // This walk missed product 100 (it moved to page 1 after page 1 was read): Ometria still has the size in stock.
      expect(held(e, sku)?.is_in_stock).toBe(true);

      // Product 100's updatedAt is after the walk's start: the next run (watermark = that start − overlap) reads it.
      const next = await sync(e, 'incremental');
      expect(next.progress).toMatchObject({ state: 'done', pages: 2, products: 60 });
      expect(next.pushedIds).toEqual([sku]);
      expect(held(e, sku)).toMatchObject({ is_in_stock: false });
    },
  );

  itOnFullContract(
    'AttributeElementKind values in its seeded data',
    'product jobs: a renamed collection and a display item re-push only what changed',
    async () => {
      env = await start(12);
      const e = env;
      e.centra.data.products.update(3, (p) => {
        (p as SimProduct & { attributes: unknown }).attributes = [
          {
            type: { name: 'pr_material' },
            elements: [{ __typename: 'AttributeChoiceElement', key: 'value', kind: 'SELECT', selectedValue: 'linen', selectedValueName: 'Linen' }],
          },
        ];
      });
      await sync(e, 'full');
      const p3 = productOf(e, 3);
      expect(held(e, `${p3.productNumber}${p3.variants[0]!.variantNumber}`)?.attributes).toContainEqual({
        type: 'material',
        id: 'material:linen',
        label: 'Linen',
      });

      const handler = createProductSyncHandler(e.ctx, CATALOGUE);
      const inCollection = e.centra.data.products.values().filter((p) => p.collection?.id === 2);
      e.centra.data.collections.update(2, { name: 'AW24 Knits' });
      await e.store.jobs.enqueue('product', 'collection:2', Date.now());
      const item = e.centra.data.displays.get(5)!.displayItems[0]!;
      await e.store.jobs.enqueue('product', `display-item:${item.id}`, Date.now());
      await e.store.jobs.enqueue('product', 'display-item:999999', Date.now());
      // A product launched after the last sync: its display item is not in our index, so Centra is asked.
      seedCatalogue(e.centra.data, { products: 1, seed: 7 });
      const launched = productOf(e, 13);
      await e.store.jobs.enqueue('product', `display-item:${e.centra.data.displays.get(13)!.displayItems[1]!.id}`, Date.now());
      const pushesBefore = e.ometria.pushes.count();
      await handler.handle(await e.store.jobs.claimDue('product', handler.batchSize, Date.now()));

      const pushed = e.ometria.pushes
        .list()
        .slice(pushesBefore)
        .flatMap((p) => p.ids)
        .sort();
      const parents = inCollection.flatMap((p) => p.variants.map((v) => `${p.productNumber}${v.variantNumber}`));
      const launchedIds = launched.variants.flatMap((v) => [
        `${launched.productNumber}${v.variantNumber}`,
        ...v.productSizes.map((s) => `${launched.productNumber}${v.variantNumber}${s.sizeNumber}`),
      ]);
      expect(inCollection.length).toBeGreaterThan(0);
      expect(pushed).toEqual([...new Set([...parents, ...launchedIds])].sort());
      for (const id of parents) expect(held(e, id)?.attributes).toContainEqual({ type: 'collection', id: 'collection:2', label: 'AW24 Knits' });
      for (const key of [
        'collection:2',
        `display-item:${item.id}`,
        'display-item:999999',
        `display-item:${e.centra.data.displays.get(13)!.displayItems[1]!.id}`,
      ]) {
        expect(await e.store.jobs.find('product', key)).toMatchObject({ state: 'done' });
      }
    },
  );

  it('two Centra variants with one Ometria id: the first product keeps it, the other is not sent, and an alert is raised', async () => {
    env = await start(2);
    const e = env;
    const p1 = productOf(e, 1);
    const clash: SimProduct = structuredClone({ ...p1, id: 50, productNumber: p1.productNumber.slice(0, -1) });
    clash.variants = clash.variants.slice(0, 1).map((v) => ({
      ...v,
      id: 500,
      variantNumber: `${p1.productNumber.slice(-1)}${v.variantNumber}`,
      productSizes: v.productSizes.map((s, i) => ({ ...s, id: 5000 + i })),
    }));
    e.centra.data.products.add(clash);
    e.centra.data.displays.add({
      ...structuredClone(e.centra.data.displays.get(1)!),
      id: 50,
      product: { id: 50 },
      displayItems: [{ id: 5000, productVariant: { id: 500 } }],
      prices: [{ price: { value: 1, currency: { id: 1, code: 'GBP' }, formattedValue: '1.00 GBP' }, pricelist: { id: 1 }, productVariant: { id: 500 } }],
    });

    const run = await sync(e, 'full');
    const key = `${p1.productNumber}${p1.variants[0]!.variantNumber}`;
    expect(run.progress.collisions).toBe(1);
    expect(held(e, key)?.price).not.toBe(1);
    expect(e.ometria.store.versions('product', key)).toBe(1);
    expect((await e.store.alerts.listOpen()).map((a) => a.fingerprint)).toContain(`product-key-collision:${key}`);
  });

  it('a Centra outage fails the run without moving the watermark; the next run sends what changed meanwhile', async () => {
    env = await start(3);
    const e = env;
    await sync(e, 'full');
    const watermark = await e.store.kv.get<number>(WATERMARK_KEY);
    const p3 = productOf(e, 3);
    const size = p3.variants[0]!.productSizes[0]!;
    e.centra.data.products.update(3, () => {
      size.stockTotals = { availableQuantity: (size.stockTotals?.availableQuantity ?? 0) + 5 };
    });
    e.centra.faults.failNext(3, 503);
    const down = await sync(e, 'incremental');
    expect(down.progress).toMatchObject({ state: 'failed', pushed: 0, error: expect.stringMatching(/503/) });
    expect(await e.store.kv.get(WATERMARK_KEY)).toBe(watermark);
    expect((await e.store.kv.get<CatalogueProgress>(PROGRESS_KEY))?.state).toBe('failed');

    const up = await sync(e, 'incremental');
    expect(up.progress).toMatchObject({ state: 'done', products: 1 });
    expect(await e.store.kv.get(WATERMARK_KEY)).toBe(up.progress.startedAt);
  });
});
