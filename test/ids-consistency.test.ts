// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCatalogueSync } from '../server/jobs/products/catalogue-sync.js';
import { mapTrackerEvent, skusToLookUp } from '../server/mapping/tracker-event/map-tracker-event.js';
import { ledgerProductKeyLookup, productKeysFor } from '../server/jobs/tracker-events/product-key-lookup.js';
import { createLogger } from '../server/log/logger.js';
import { createRuntime } from '../server/runtime.js';
import { seedCatalogue } from '../sandbox/centra-simulator/index.js';
import type { OmetriaProduct } from '../server/ometria/ometria-records.js';
import { startStack, type Stack } from './helpers/stack.js';
import { mockFetch, pagehide, resetPage, sentEvents, tracker } from './tracker/harness.js';

let stack: Stack;
let products: OmetriaProduct[];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  stack = await startStack({
    env: {
      WORKER_ENABLED: 'false',
      CATALOGUE_STORES: JSON.stringify([{ store: 'example.com/uk', marketId: 1, pricelistId: 1, baseUrl: 'https://example.com/uk/product' }]),
    },
  });
  seedCatalogue(stack.centra.data, { products: 4, variantsPerProduct: 2, sizesPerVariant: 3, seed: 9 });
  const runtime = createRuntime(stack.config, stack.service.store, { logger: createLogger('silent'), now: Date.now });
  const result = await runCatalogueSync(runtime.ctx, runtime.catalogue!, { mode: 'full' });
  expect(result.state).toBe('done');
  products = stack.ometria.store.all('product') as OmetriaProduct[];
}, 60_000);

afterAll(async () => {
  vi.stubGlobal('fetch', realFetch);
  await stack.close();
});

describe('one ID scheme for tracker and catalogue (issue 5)', () => {
  it('the ids the tracker emits for a product page, a basket line and a collection page are the ids of the product records pushed for the same Centra data', async () => {
    // What a Centra storefront shows for one size, as Centra's Checkout API builds it (docs/design.md C12):
    // product-level sku = productNumber + variantNumber, item sku = the size's SKU, the collection's id.
    const centra = stack.centra.data.products.values().find((p) => p.status === 'ACTIVE' && p.collection)!;
    const variant = centra.variants[0]!;
    const size = variant.productSizes[0]!;
    const pageSku = ` ${centra.productNumber}${variant.variantNumber} `;
    const sizeSku = size.SKU ?? `${centra.productNumber}${variant.variantNumber}${size.sizeNumber}`;

    resetPage();
    const fetched = mockFetch(200);
    const t = tracker();
    t.productView({ sku: pageSku });
    t.basket({ id: 'sel-1', currency: 'GBP', total: 10, url: 'https://example.com/basket', lines: [{ sku: sizeSku, quantity: 1, unitPrice: 10 }] });
    t.collectionView({ collectionId: String(centra.collection!.id), name: 'A collection' });
    pagehide();
    await vi.waitFor(() => expect(sentEvents(fetched)).toHaveLength(3));
    vi.stubGlobal('fetch', realFetch);
    const events = sentEvents(fetched);

    const productKeyForSku = await productKeysFor(events.flatMap(skusToLookUp), ledgerProductKeyLookup(stack.service.store.ledger));
    const mapped = events.map((e) => mapTrackerEvent(e, { store: 'example.com/uk', identity: {}, receivedAt: Date.now(), productKeyForSku })!);
    const parent = products.find((p) => !p.is_variant && p.id === `${centra.productNumber}${variant.variantNumber}`)!;
    const sizeRecord = products.find((p) => p.is_variant && p.id === sizeSku)!;
    expect(parent).toBeDefined();
    expect(sizeRecord.parent_id).toBe(parent.id);

    expect(mapped[0]!.properties.product_id).toBe(parent.id);
    const line = (mapped[1]!.properties.lines as Array<{ product_id: string; variant_id: string }>)[0]!;
    expect(line).toMatchObject({ product_id: parent.id, variant_id: sizeRecord.id });
    expect(parent.attributes!.map((a) => a.id)).toContain(mapped[2]!.properties.collection_id);
  });
});
