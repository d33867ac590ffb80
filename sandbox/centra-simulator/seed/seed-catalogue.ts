import type { SimData } from '../data/sim-data.js';
import { simMoney } from '../money.js';
import type { SimDisplay, SimPrice, SimProduct, SimProductVariant } from '../types/index.js';
import { createPrng } from './prng.js';
import { SEED_IDS, seedSetup } from './seed-setup.js';
import { COLOURS, GBP_PRICES, PRODUCT_ADJECTIVES, PRODUCT_NOUNS, SIZES, ean13 } from './vocabulary.js';

export interface SeedCatalogueOptions {
  seed?: number;
  /** Default 40. 2,500 × 4 variants × 5 sizes gives 50,000 sizes. */
  products?: number;
  variantsPerProduct?: number;
  sizesPerVariant?: number;
  /** Products are created in the hours before this instant. Default 2024-01-01T00:00:00Z. */
  before?: string;
}

export interface SeededCatalogue {
  products: number;
  variants: number;
  sizes: number;
}

/** Ids continue after the highest in the store, so seeding twice adds rather than overwrites. */
function nextIds(data: SimData) {
  let product = 0,
    variant = 0,
    size = 0,
    displayItem = 0;
  for (const { size: s, variant: v, product: p } of data.products.allSizes()) {
    product = Math.max(product, p.id);
    variant = Math.max(variant, v.id);
    size = Math.max(size, s.id);
  }
  for (const p of data.products) product = Math.max(product, p.id);
  for (const d of data.displays) for (const i of d.displayItems) displayItem = Math.max(displayItem, i.id);
  return { product: product + 1, variant: variant + 1, size: size + 1, displayItem: displayItem + 1 };
}

const sekPrice = (gbp: number) => Math.round((gbp * 13) / 10) * 10 - 1;

/**
 * Set-up data (seedSetup) plus products → variants (colours) → sizes, and one active display per
 * product in both markets with GBP and SEK prices per variant. SKU = productNumber + variantNumber +
 * sizeNumber, e.g. P10001BLKM. Ids continue after what the store already holds.
 */
export function seedCatalogue(data: SimData, options: SeedCatalogueOptions = {}): SeededCatalogue {
  const rng = createPrng(options.seed ?? 1);
  const count = options.products ?? 40;
  const variantsPer = options.variantsPerProduct ?? 3;
  const sizesPer = options.sizesPerVariant ?? 5;
  const before = Date.parse(options.before ?? '2024-01-01T00:00:00Z');
  if (data.stores.size === 0) seedSetup(data);
  const next = nextIds(data);
  const firstId = next.product;
  let variantId = next.variant;
  let sizeId = next.size;
  let itemId = next.displayItem;
  for (let id = firstId; id < firstId + count; id++) {
    const stamp = data.stamp(before - (firstId + count - id) * 3_600_000);
    const gbp = rng.pick(GBP_PRICES);
    const name = `${rng.pick(PRODUCT_ADJECTIVES)} ${rng.pick(PRODUCT_NOUNS)}`;
    const productNumber = `P${10000 + id}`;
    const variants: SimProductVariant[] = Array.from({ length: variantsPer }, (_, v) => {
      const [code, colour] = COLOURS[v % COLOURS.length]!;
      const variantNumber = v < COLOURS.length ? code : `${code}${Math.floor(v / COLOURS.length)}`;
      return {
        id: variantId++,
        name: colour,
        status: 'ACTIVE',
        variantNumber,
        createdAt: stamp,
        updatedAt: stamp,
        productSizes: Array.from({ length: sizesPer }, (_, s) => {
          const sizeNumber = SIZES[s] ?? `S${s}`;
          const sid = sizeId++;
          return { id: sid, description: sizeNumber, sizeNumber, EAN: ean13(`73${sid}`), preorder: false, stockTotals: { availableQuantity: rng.int(0, 40) } };
        }),
      };
    });
    const product: SimProduct = {
      id,
      name,
      status: rng.chance(0.05) ? 'INACTIVE' : 'ACTIVE',
      productNumber,
      createdAt: stamp,
      updatedAt: stamp,
      brand: { id: rng.int(1, 3) },
      collection: { id: rng.int(1, 4) },
      variants,
    };
    const prices: SimPrice[] = variants.flatMap((v) => [
      { price: simMoney(gbp, 'GBP'), pricelist: { id: SEED_IDS.gbpPricelist }, productVariant: { id: v.id } },
      { price: simMoney(sekPrice(gbp), 'SEK'), pricelist: { id: SEED_IDS.sekPricelist }, productVariant: { id: v.id } },
    ]);
    const category = rng.int(4, 7);
    const display: SimDisplay = {
      id,
      name,
      status: product.status === 'ACTIVE' ? 'ACTIVE' : 'INACTIVE',
      uri: `${name.toLowerCase().replace(/ /g, '-')}-${id}`,
      createdAt: stamp,
      updatedAt: stamp,
      store: { id: SEED_IDS.dtcStore },
      product: { id },
      productVariants: variants.map((v) => ({ id: v.id })),
      displayItems: variants.map((v) => ({ id: itemId++, productVariant: { id: v.id } })),
      categories: [{ id: category }],
      canonicalCategory: { id: category },
      markets: [{ id: SEED_IDS.ukMarket }, { id: SEED_IDS.seMarket }],
      prices,
    };
    data.products.add(product);
    data.displays.add(display);
  }
  return { products: count, variants: count * variantsPer, sizes: count * variantsPer * sizesPer };
}
