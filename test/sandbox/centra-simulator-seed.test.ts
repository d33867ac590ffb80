import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentraOrderSchema } from '../../server/centra/orders/centra-order.js';
import { ORDER_FRAGMENTS } from '../../server/centra/orders/order-query.js';
import { SimData, seedCatalogue, seedOrders, startCentraSimulator, type CentraSimulator } from '../../sandbox/centra-simulator/index.js';
import { postToSimulator } from '../helpers/centra-factories.js';

const fixedNow = () => new Date('2025-01-01T00:00:00Z');

describe('Centra simulator seeding', () => {
  it('is deterministic for a seed and differs for another', () => {
    const make = (seed: number) => {
      const data = new SimData({ now: fixedNow });
      seedOrders(data, { count: 50, seed });
      return JSON.stringify(data.orders.values().map((o) => [o.number, o.grandTotal.value, o.lines.map((l) => l.productSize?.SKU ?? l.productSize?.id)]));
    };
    expect(make(3)).toBe(make(3));
    expect(make(3)).not.toBe(make(4));
  });

  it('builds SKUs from product, variant and size numbers and prices in two markets', () => {
    const data = new SimData({ now: fixedNow });
    const made = seedCatalogue(data, { products: 2, variantsPerProduct: 2, sizesPerVariant: 3 });
    expect(made).toEqual({ products: 2, variants: 4, sizes: 12 });
    const product = data.products.values()[0]!;
    expect(data.markets.values().map((m) => [m.id, m.name])).toEqual([
      [1, 'UK'],
      [2, 'SE'],
    ]);
    expect(data.displays.get(product.id)!.prices.map((p) => p.price.currency.code)).toEqual(['GBP', 'SEK', 'GBP', 'SEK']);
    expect(product.variants[0]!.productSizes[0]!.EAN).toMatch(/^\d{13}$/);
  });

  it('scales to 20,000 orders over 50,000 sizes in seconds', () => {
    const data = new SimData({ now: fixedNow });
    const started = performance.now();
    seedCatalogue(data, { products: 2_500, variantsPerProduct: 4, sizesPerVariant: 5 });
    const range = seedOrders(data, { count: 20_000 });
    const elapsed = performance.now() - started;
    expect(data.products.sizeCount).toBe(50_000);
    expect(range).toEqual({ first: 1, last: 20_000 });
    expect(data.orders.size).toBe(20_000);
    expect(elapsed).toBeLessThan(10_000);
  });

  describe('served over GraphQL', () => {
    let sim: CentraSimulator;
    beforeAll(async () => {
      sim = await startCentraSimulator({ rateLimit: false, now: fixedNow });
      seedOrders(sim.data, { count: 400, seed: 9 });
    });
    afterAll(() => sim.close());

    it('serves seeded orders that all pass CentraOrderSchema, with vouchers, cancellations and shared emails', async () => {
      const query = `{ orders(limit: 400) { ...OrderFields } } ${ORDER_FRAGMENTS}`;
      const { status, body } = await postToSimulator(sim, query);
      expect(status).toBe(200);
      const orders = (body.data!.orders as unknown[]).map((o) => CentraOrderSchema.parse(o));
      expect(orders).toHaveLength(400);
      expect(orders.some((o) => o.discountsApplied.some((d) => d.discount?.code))).toBe(true);
      expect(orders.some((o) => o.status === 'CANCELLED' && o.lines.every((l) => l.quantity === 0))).toBe(true);
      expect(new Set(orders.flatMap((o) => o.lines.length))).toEqual(new Set([1, 2, 3, 4]));
      expect(new Set(orders.map((o) => o.grandTotal.currency.code))).toEqual(new Set(['GBP', 'SEK']));
      const emails = sim.data.customers.values().map((c) => c.email);
      expect(emails.length).toBeGreaterThan(new Set(emails).size);
    });

    it('serves shipments and returns linked to their order lines', async () => {
      const { body } = await postToSimulator(
        sim,
        `{
        returns(limit: 1) { id order { number } lines { orderLine { id productSize { SKU } } shipmentLine { id } } }
        shipments(where: { isShipped: true }, limit: 1) { number trackingNumber order { number } lines { orderLine { id } } } }`,
      );
      const [ret] = body.data!.returns as Array<{ order: { number: number }; lines: Array<{ orderLine: { id: number; productSize: { SKU: string } } }> }>;
      const order = sim.data.orders.get(ret!.order.number)!;
      expect(ret!.lines[0]!.orderLine.id).toBe(order.lines[0]!.id);
      expect(ret!.lines[0]!.orderLine.productSize.SKU).toMatch(/^P\d{5}[A-Z]{3}[A-Z0-9]+$/);
      const [shipment] = body.data!.shipments as Array<{ number: string; trackingNumber: string; order: { number: number } }>;
      expect(shipment!.number).toBe(`${shipment!.order.number}-1`);
      expect(shipment!.trackingNumber).toBeTruthy();
    });

    it('counts and pages products and displays per market', async () => {
      const { body } = await postToSimulator(
        sim,
        `{
        counters { products customers orders(where: { storeType: DIRECT_TO_CONSUMER }) }
        products(sort: [id_DESC], limit: 2, page: 1) { id productNumber variants { productSizes { SKU } } }
        displays(where: { marketId: 2 }, limit: 1) { id markets { name } prices { pricelist { name } price { currency { code } } } } }`,
      );
      expect(body.data!.counters).toEqual({ products: 40, customers: sim.data.customers.size, orders: 400 });
      const products = body.data!.products as Array<{ id: number; productNumber: string; variants: Array<{ productSizes: Array<{ SKU: string }> }> }>;
      expect(products.map((p) => p.id)).toEqual([40, 39]);
      expect(products[0]!.variants[0]!.productSizes[0]!.SKU.startsWith(products[0]!.productNumber)).toBe(true);
      const [display] = body.data!.displays as Array<{ markets: Array<{ name: string }> }>;
      expect(display!.markets.map((m) => m.name)).toEqual(['UK', 'SE']);
    });
  });
});
