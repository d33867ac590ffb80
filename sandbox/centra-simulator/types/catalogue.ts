import type { SimDate, SimMoney, SimRef, SimStatus } from './common.js';

export type SimProductStatus = 'ACTIVE' | 'INACTIVE' | 'CANCELLED';

export interface SimMedia {
  id: number;
  source?: { type?: string | null; url?: string | null; mimeType?: string | null } | null;
  metaDataJSON?: string | null;
}

export interface SimStockTotals {
  availableQuantity?: number | null;
  physicalQuantity?: number | null;
  demandQuantity?: number | null;
  allocatedQuantity?: number | null;
  unshippedQuantity?: number | null;
  onDeliveryQuantity?: number | null;
  linkedIncomingQuantity?: number | null;
  unlinkedIncomingQuantity?: number | null;
}

export interface SimProductSize {
  id: number;
  description?: string | null;
  sizeNumber: string;
  /** Left out, it is productNumber + variantNumber + sizeNumber, as Centra computes it. */
  SKU?: string | null;
  EAN?: string | null;
  UPC?: string | null;
  preorder?: boolean | null;
  stockTotals?: SimStockTotals | null;
}

export interface SimProductVariant {
  id: number;
  name: string | null;
  status: SimProductStatus;
  variantNumber: string;
  internalName?: string | null;
  unitCost?: SimMoney | null;
  createdAt?: SimDate | null;
  updatedAt: SimDate;
  productSizes: SimProductSize[];
  media?: SimMedia[];
}

/** Variants and sizes nest inside their product; the data store indexes them by id. */
export interface SimProduct {
  id: number;
  name: string | null;
  status: SimProductStatus;
  productNumber: string;
  createdAt: SimDate;
  updatedAt: SimDate;
  brand?: SimRef | null;
  collection?: SimRef | null;
  countryOfOrigin?: { id: number; code: string } | null;
  isBundle?: boolean | null;
  variants: SimProductVariant[];
  media?: SimMedia[];
}

export interface SimPrice {
  id?: number | null;
  price: SimMoney;
  recommendedRetailPrice?: SimMoney | null;
  pricelist: SimRef;
  productVariant?: SimRef | null;
}

export interface SimDisplayItem {
  id: number;
  productVariant: SimRef;
}

export interface SimDisplay {
  id: number;
  name: string | null;
  status: SimStatus;
  uri: string | null;
  description?: string | null;
  shortDescription?: string | null;
  createdAt?: SimDate | null;
  updatedAt: SimDate;
  store?: SimRef | null;
  product: SimRef;
  productVariants: SimRef[];
  displayItems: SimDisplayItem[];
  categories: SimRef[];
  canonicalCategory?: SimRef | null;
  markets: SimRef[];
  prices: SimPrice[];
  media?: SimMedia[];
  tags?: string[] | null;
}
