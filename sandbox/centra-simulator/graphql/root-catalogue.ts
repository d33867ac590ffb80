import type { SimDisplay } from '../types/index.js';
import { findDisplays, listDisplays, listProducts, type DisplayWhere, type ProductWhere } from './catalogue-search.js';
import { connection, type ConnectionArgs } from './connection.js';
import type { SimContext } from './context.js';
import { paginate, sortBy, type ListArgs } from './list-args.js';
import { linkParent } from './parent-link.js';
import { listSetup, type SetupWhere } from './setup-search.js';

interface SizeWhere {
  id?: number[] | null;
  EAN?: string | null;
  UPC?: string | null;
}

interface DisplayItemWhere {
  id?: number[] | null;
  displayId?: number | null;
  productVariantId?: number | null;
}

/** Root fields for products, displays and their taxonomies. */
export const catalogueRoot = {
  products: (args: ListArgs<ProductWhere>, ctx: SimContext) => listProducts(ctx.data, args, ctx.defaultLimit),
  product: (args: { id: number }, ctx: SimContext) => ctx.data.products.get(args.id) ?? null,
  productVariant: (args: { id: number }, ctx: SimContext) => ctx.data.products.variantById(args.id)?.variant ?? null,
  productSizes: (args: ListArgs<SizeWhere>, ctx: SimContext) => {
    const w = args.where ?? {};
    const sizes = [...ctx.data.products.allSizes()]
      .map((e) => e.size)
      .filter((s) => (!w.id || w.id.includes(s.id)) && (w.EAN == null || s.EAN === w.EAN) && (w.UPC == null || s.UPC === w.UPC));
    return paginate(sizes, args, ctx.defaultLimit);
  },
  displays: (args: ListArgs<DisplayWhere>, ctx: SimContext) => listDisplays(ctx.data, args, ctx.defaultLimit),
  display: (args: { id: number }, ctx: SimContext) => ctx.data.displays.get(args.id) ?? null,
  displayConnection: (args: ConnectionArgs & { where?: DisplayWhere | null; sort?: string[] | null }, ctx: SimContext) =>
    connection(sortBy(findDisplays(ctx.data, args.where), args.sort, { id: (d: SimDisplay) => d.id }, ['id_ASC']), args),
  displayItems: (args: ListArgs<DisplayItemWhere>, ctx: SimContext) => {
    const w = args.where ?? {};
    const items = ctx.data.displays
      .values()
      .filter((d) => w.displayId == null || d.id === w.displayId)
      .flatMap((d) => d.displayItems.map((i) => linkParent(i, d)))
      .filter((i) => (!w.id || w.id.includes(i.id)) && (w.productVariantId == null || i.productVariant.id === w.productVariantId));
    return paginate(items, args, ctx.defaultLimit);
  },
  categories: (args: ListArgs<SetupWhere>, ctx: SimContext) => listSetup(ctx.data.categories, args, ctx.defaultLimit),
  collections: (args: ListArgs<SetupWhere>, ctx: SimContext) => listSetup(ctx.data.collections, args, ctx.defaultLimit),
  brands: (args: ListArgs<SetupWhere>, ctx: SimContext) => listSetup(ctx.data.brands, args, ctx.defaultLimit),
};
