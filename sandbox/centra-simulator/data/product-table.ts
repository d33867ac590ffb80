import type { SimProduct, SimProductSize, SimProductVariant } from '../types/index.js';
import { SimTable, type TableClock } from './sim-table.js';

export interface VariantEntry {
  variant: SimProductVariant;
  product: SimProduct;
}

export interface SizeEntry extends VariantEntry {
  size: SimProductSize;
}

/** Products with their nested variants and sizes indexed by id, so order lines resolve fast. */
export class ProductTable extends SimTable<SimProduct> {
  private readonly variants = new Map<number, VariantEntry>();
  private readonly sizes = new Map<number, SizeEntry>();

  constructor(clock: TableClock) {
    super((p) => p.id, clock);
  }

  variantById(id: number): VariantEntry | undefined {
    return this.variants.get(id);
  }

  sizeById(id: number): SizeEntry | undefined {
    return this.sizes.get(id);
  }

  get sizeCount(): number {
    return this.sizes.size;
  }

  /** Every size with its parents, in insertion order. */
  allSizes(): IterableIterator<SizeEntry> {
    return this.sizes.values();
  }

  protected override index(product: SimProduct): void {
    for (const variant of product.variants) {
      this.variants.set(variant.id, { variant, product });
      for (const size of variant.productSizes) this.sizes.set(size.id, { size, variant, product });
    }
  }

  protected override unindex(product: SimProduct): void {
    for (const variant of product.variants) {
      this.variants.delete(variant.id);
      for (const size of variant.productSizes) this.sizes.delete(size.id);
    }
  }
}
