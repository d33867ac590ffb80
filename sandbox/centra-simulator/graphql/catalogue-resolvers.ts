import type { SimDisplay, SimMedia, SimProduct, SimProductSize, SimProductVariant } from '../types/index.js';
import { findDisplays, type DisplayWhere } from './catalogue-search.js';
import type { SimContext } from './context.js';
import { linkParent, parentOf } from './parent-link.js';

const media = (owner: { media?: SimMedia[] }, args: { limit?: number | null }) => (owner.media ?? []).slice(0, args.limit ?? undefined);

export const CATALOGUE_RESOLVERS = {
  Product: {
    displays: (p: SimProduct, args: { where?: DisplayWhere | null }, ctx: SimContext) => findDisplays(ctx.data, { ...args.where, productId: p.id }),
    media,
  },
  ProductVariant: {
    product: (v: SimProductVariant & { product?: unknown }, _args: unknown, ctx: SimContext) => v.product ?? ctx.data.products.variantById(v.id)?.product,
    displayItems: (v: SimProductVariant, _args: unknown, ctx: SimContext) =>
      ctx.data.displays.values().flatMap((d) => d.displayItems.filter((i) => i.productVariant.id === v.id).map((i) => linkParent(i, d))),
    media,
  },
  ProductSize: {
    /** Centra computes the SKU; a stored value wins so tests can model odd catalogues. */
    SKU: (s: SimProductSize, _args: unknown, ctx: SimContext) => {
      if (s.SKU != null) return s.SKU;
      const entry = ctx.data.products.sizeById(s.id);
      return entry ? entry.product.productNumber + entry.variant.variantNumber + s.sizeNumber : null;
    },
    GTIN: (s: SimProductSize & { GTIN?: string | null }) => s.GTIN ?? s.EAN ?? null,
    productVariant: (s: SimProductSize & { productVariant?: unknown }, _args: unknown, ctx: SimContext) =>
      s.productVariant ?? ctx.data.products.sizeById(s.id)?.variant,
  },
  Display: {
    displayItems: (d: SimDisplay) => d.displayItems.map((i) => linkParent(i, d)),
  },
  DisplayItem: {
    display: (i: object) => parentOf<SimDisplay>(i),
  },
};
