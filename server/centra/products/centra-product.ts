import { z } from 'zod';

/**
 * A Centra product as selected by PRODUCT_FRAGMENT (product-query.ts): the trust boundary for catalogue data.
 * Nullable where the contract is nullable; unknown extra fields are dropped.
 */
const ref = z.object({ id: z.number().int() });
const named = z.object({ id: z.number().int(), name: z.string().nullish() });
const status = z.string().nullish();

/** Only the element fields custom attributes read; other element kinds (files, images) parse to key + kind. */
export const CentraAttributeSchema = z.object({
  type: z.object({ name: z.string() }),
  elements: z.array(
    z.object({
      key: z.string(),
      kind: z.string().nullish(),
      value: z.string().nullish(),
      selectedValue: z.string().nullish(),
      selectedValueName: z.string().nullish(),
    }),
  ),
});

export const CentraSizeSchema = z.object({
  id: z.number().int(),
  sizeNumber: z.string().nullish(),
  description: z.string().nullish(),
  SKU: z.string().nullish(),
  EAN: z.string().nullish(),
  /** Centra's StockTotals has no free-to-allocate figure: `availableQuantity` is the sellable amount it documents. */
  stockTotals: z.object({ availableQuantity: z.number().int().nullish() }).nullish(),
});

export const CentraVariantSchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  status,
  variantNumber: z.string().nullish(),
  attributes: z.array(CentraAttributeSchema).default([]),
  productSizes: z.array(CentraSizeSchema),
});

export const CentraPriceSchema = z.object({
  pricelist: ref.nullish(),
  productVariant: ref.nullish(),
  price: z.object({ value: z.number(), currency: z.object({ code: z.string() }).nullish() }).nullish(),
  recommendedRetailPrice: z.object({ value: z.number() }).nullish(),
});

export const CentraDisplaySchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  uri: z.string().nullish(),
  status,
  categories: z.array(named),
  canonicalCategory: ref.nullish(),
  markets: z.array(ref),
  prices: z.array(CentraPriceSchema),
  media: z.array(z.object({ source: z.object({ url: z.string().nullish() }).nullish() })),
  displayItems: z.array(z.object({ id: z.number().int(), productVariant: ref.nullish() })),
});

export const CentraProductSchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  status,
  productNumber: z.string().nullish(),
  updatedAt: z.string().nullish(),
  brand: named.nullish(),
  collection: named.nullish(),
  attributes: z.array(CentraAttributeSchema).default([]),
  variants: z.array(CentraVariantSchema),
  displays: z.array(CentraDisplaySchema),
});

export type CentraAttribute = z.infer<typeof CentraAttributeSchema>;
export type CentraSize = z.infer<typeof CentraSizeSchema>;
export type CentraVariant = z.infer<typeof CentraVariantSchema>;
export type CentraPrice = z.infer<typeof CentraPriceSchema>;
export type CentraDisplay = z.infer<typeof CentraDisplaySchema>;
export type CentraProduct = z.infer<typeof CentraProductSchema>;
