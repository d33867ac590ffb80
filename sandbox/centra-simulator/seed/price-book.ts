import type { SimData } from '../data/sim-data.js';

/** Variant price per pricelist, read from the displays once so seeded orders match the catalogue. */
export function priceBook(data: SimData): (variantId: number, pricelistId: number) => number | undefined {
  const prices = new Map<string, number>();
  for (const display of data.displays) {
    for (const p of display.prices) {
      if (p.productVariant) prices.set(`${p.productVariant.id}:${p.pricelist.id}`, p.price.value);
    }
  }
  return (variantId, pricelistId) => prices.get(`${variantId}:${pricelistId}`);
}
