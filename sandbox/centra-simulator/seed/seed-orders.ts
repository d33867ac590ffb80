import { simOrderHash } from '../build/order-hash.js';
import { orderTotals } from '../build/order-totals.js';
import type { SimData } from '../data/sim-data.js';
import { simMoney } from '../money.js';
import type { SimAppliedDiscount, SimDtcOrder, SimOrderStatus } from '../types/index.js';
import { priceBook } from './price-book.js';
import { createPrng } from './prng.js';
import { seedAfterSale } from './seed-after-sale.js';
import { seedCatalogue } from './seed-catalogue.js';
import { seedCustomers } from './seed-customers.js';
import { seedLines } from './seed-lines.js';
import { SEED_IDS } from './seed-setup.js';

export interface SeedOrdersOptions {
  count: number;
  /** Default: one after the highest order number held, else 1. */
  startNumber?: number;
  seed?: number;
  /** First order's time; later ones follow every `spacingMinutes` (default 37). Default 2024-01-01T09:00:00Z. */
  from?: string;
  spacingMinutes?: number;
  cancelledShare?: number;
  voucherShare?: number;
  saleShare?: number;
  /** Orders on hold, hidden from the API. Default 0. */
  heldShare?: number;
  /** Shipments for processing and shipped orders, and some returns. Default true. */
  afterSale?: boolean;
}

const PAYMENTS = [
  { uri: 'klarna-checkout', plugin: 'klarna' },
  { uri: 'adyen-drop-in', plugin: 'adyen' },
  { uri: 'paypal', plugin: 'paypal' },
];
const SHIPPING = [
  { id: 1, name: 'Standard', uri: 'standard' },
  { id: 2, name: 'Express', uri: 'express' },
];
const MARKET_TERMS = {
  [SEED_IDS.ukMarket]: { market: SEED_IDS.ukMarket, pricelist: SEED_IDS.gbpPricelist, tax: 20, shipping: [4.95, 9.95], fallback: 'GBP' },
  [SEED_IDS.seMarket]: { market: SEED_IDS.seMarket, pricelist: SEED_IDS.sekPricelist, tax: 25, shipping: [49, 99], fallback: 'SEK' },
} as const;

/**
 * DTC orders in markets 1/2 from seeded customers, with 1–4 lines, sale prices, vouchers, partial and
 * whole cancellations. Seeds a catalogue and customers first when the store has none. Records share
 * catalogue, customer and address objects: replace them through `update`, don't mutate in place.
 */
export function seedOrders(data: SimData, options: SeedOrdersOptions): { first: number; last: number } {
  const rng = createPrng((options.seed ?? 1) + 104729);
  if (data.products.size === 0) seedCatalogue(data, { seed: options.seed ?? 1 });
  if (data.customers.size === 0) seedCustomers(data, { count: Math.max(10, Math.ceil(options.count / 3)), seed: options.seed ?? 1 });
  const sizes = [...data.products.allSizes()].filter((e) => e.product.status === 'ACTIVE');
  const customers = data.customers.values();
  const price = priceBook(data);
  const store = data.stores.get(SEED_IDS.dtcStore) ?? { id: SEED_IDS.dtcStore, type: 'DIRECT_TO_CONSUMER' as const };
  const start = options.startNumber ?? data.orders.values().reduce((m, o) => Math.max(m, o.number), 0) + 1;
  const from = Date.parse(options.from ?? '2024-01-01T09:00:00Z');
  const spacing = (options.spacingMinutes ?? 37) * 60_000;
  for (let i = 0; i < options.count; i++) {
    const number = start + i;
    const customer = rng.pick(customers);
    const terms = MARKET_TERMS[customer.market?.id === SEED_IDS.seMarket ? SEED_IDS.seMarket : SEED_IDS.ukMarket];
    const pricelist = data.pricelists.get(terms.pricelist);
    const currency = pricelist?.currency ?? simMoney(0, terms.fallback).currency;
    const cancelled = rng.chance(options.cancelledShare ?? 0.03);
    const voucher = !cancelled && rng.chance(options.voucherShare ?? 0.1);
    const lines = seedLines(rng, {
      orderNumber: number,
      sizes,
      currency,
      taxPercent: terms.tax,
      cancelled,
      price: (e) => price(e.variant.id, terms.pricelist) ?? 100,
      brand: (id) => (id ? data.brands.get(id) : undefined),
      saleShare: options.saleShare ?? 0.15,
      voucherFactor: voucher ? 0.9 : 1,
    });
    const created = from + i * spacing + rng.int(0, 600) * 1000;
    const createdAt = data.stamp(created);
    const status: SimOrderStatus = cancelled
      ? 'CANCELLED'
      : rng.weighted([
          ['PENDING', 5],
          ['CONFIRMED', 12],
          ['PROCESSING', 8],
          ['SHIPPED', 72],
          ['ARCHIVED', 3],
        ] as const);
    const shippingOption = rng.pick(SHIPPING);
    const { grandTotal, totals } = orderTotals(lines, { currency, shipping: cancelled ? 0 : terms.shipping[shippingOption.id - 1]! });
    const discountsApplied: SimAppliedDiscount[] = voucher
      ? [
          {
            __typename: 'AppliedDiscount',
            date: createdAt,
            discount: { id: 1, name: 'Welcome 10 %', code: 'WELCOME10', type: 'voucher' },
            value: simMoney(lines.reduce((s, l) => s + l.unitOriginalPrice.value * l.quantity - l.lineValue.value, 0) / 9, currency),
          },
        ]
      : [];
    const payment = rng.pick(PAYMENTS);
    const order: SimDtcOrder = {
      __typename: 'DirectToConsumerOrder',
      id: simOrderHash(number),
      number,
      status,
      isOnHold: rng.chance(options.heldShare ?? 0),
      createdAt,
      orderDate: createdAt,
      updatedAt: data.stamp(created + (status === 'SHIPPED' || status === 'ARCHIVED' ? 2 * 86_400_000 : 60_000)),
      store,
      market: data.markets.get(terms.market) ?? { id: terms.market },
      pricelist: pricelist ?? { id: terms.pricelist },
      grandTotal,
      totals,
      discountsApplied,
      paymentMethod: payment,
      lines,
      paymentHistory: [
        {
          id: number,
          createdAt,
          status: 'SUCCESS',
          entryType: status === 'PENDING' ? 'AUTHORIZATION' : 'CAPTURE',
          value: grandTotal,
          paymentMethod: payment.plugin,
        },
      ],
      shippingPriceGroup: { shippingOption },
      shippingAddress: customer.billingAddress ?? null,
      billingAddress: customer.billingAddress ?? null,
      customer,
    };
    data.orders.add(order);
    if (options.afterSale !== false) seedAfterSale(data, order, rng);
  }
  return { first: start, last: start + options.count - 1 };
}
