import express, { type Router } from 'express';
import { productKey, variantKey } from '../shared/ids/index.js';
import { seedCatalogue, type SimData } from './centra-simulator/index.js';
import { storefrontPage, type StorefrontProduct } from './storefront-page.js';

/** The style-colours of the simulator's catalogue as a shop shows them, with GBP prices (pricelist 1). */
export function storefrontProducts(data: SimData, limit = 12): StorefrontProduct[] {
  const out: StorefrontProduct[] = [];
  for (const p of data.products) {
    if (p.status !== 'ACTIVE') continue;
    const prices = data.displays
      .values()
      .filter((d) => d.product.id === p.id)
      .flatMap((d) => d.prices);
    for (const v of p.variants) {
      const price = prices.find((x) => x.productVariant?.id === v.id && x.price.currency.code === 'GBP')?.price;
      if (!price || out.length >= limit) continue;
      out.push({
        name: `${p.name ?? p.productNumber} – ${v.name ?? v.variantNumber}`,
        productSku: productKey(p.productNumber, v.variantNumber),
        price: price.value,
        currency: 'GBP',
        sizes: v.productSizes.map((s) => ({
          sku: variantKey(s.SKU ?? `${p.productNumber}${v.variantNumber}${s.sizeNumber}`),
          label: s.description ?? s.sizeNumber,
        })),
      });
    }
  }
  return out;
}

/**
 * GET /storefront (sandbox only): the demo storefront on the companion's own origin, which /collect always
 * allows. An empty simulator gets a small catalogue on first view, as "place orders" does.
 */
export function storefrontRouter(data: SimData, store: string): Router {
  const router = express.Router();
  router.get('/storefront', (req, res) => {
    if (data.products.size === 0) seedCatalogue(data, { products: 6 });
    const selected = typeof req.query.product === 'string' ? req.query.product : undefined;
    res.type('html').send(storefrontPage({ companionUrl: '', store, products: storefrontProducts(data), selected }));
  });
  return router;
}
